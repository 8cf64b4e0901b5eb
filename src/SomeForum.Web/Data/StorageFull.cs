using Microsoft.Data.Sqlite;
using Npgsql;

namespace SomeForum.Web.Data;

/// <summary>
/// The database could not write because its disk is full: nothing was stored, and trying again later will work.
/// Readers go on reading; a writer is told so (503) and keeps what they wrote.
/// </summary>
public static class StorageFull
{
    /// <summary>In the writer's language (Site/Strings.resx).</summary>
    public static string Message => Site.Strings.Get("Storage.Full");

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
