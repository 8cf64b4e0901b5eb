using Microsoft.Data.Sqlite;
using Npgsql;

namespace SomeForum.Web.Data;

/// <summary>
/// The database could not write because its disk is full: nothing was stored, and trying again later will work.
/// Readers go on reading; a writer is told so (503) and keeps what they wrote.
/// </summary>
public static class StorageFull
{
    public const string Message =
        "This could not be saved: the server has no room to store anything just now. Nothing was lost: your text is still here. Please try again in a while.";

    // SQLITE_FULL, also as the low byte of an extended code; PostgreSQL's disk_full.
    private const int SqliteFull = 13;

    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && (sqlite.SqliteErrorCode == SqliteFull || (sqlite.SqliteExtendedErrorCode & 0xff) == SqliteFull)) return true;
            if (e is PostgresException postgres && postgres.SqlState == PostgresErrorCodes.DiskFull) return true;
        }
        return false;
    }
}
