using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SomeForum.Web.Data;

/// <summary>
/// The database could not write, though it can still be read: its disk is full, or it is read-only (a file or folder
/// without write permission, a file system mounted read-only, a PostgreSQL standby or default_transaction_read_only).
/// Nothing was stored, and trying again later may work. Readers go on reading; a writer is told so (503) and keeps
/// what they wrote.
/// </summary>
public static class StorageFull
{
    /// <summary>In the writer's language (Site/Strings.resx).</summary>
    public static string Message => Site.Strings.Get("Storage.Full");

    // SQLITE_FULL and SQLITE_READONLY, also as the low byte of an extended code (SQLITE_READONLY_DBMOVED and the like).
    private const int SqliteFull = 13;
    private const int SqliteReadOnly = 8;

    public static bool Is(Exception? error) => Why(error) is not null;

    /// <summary>Why the database refused the write, in words for the log and the health probe; null when that was not the reason.</summary>
    public static string? Why(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull || (sqlite.SqliteExtendedErrorCode & 0xff) == SqliteFull:
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                    return "its disk is full";
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteReadOnly || (sqlite.SqliteExtendedErrorCode & 0xff) == SqliteReadOnly:
                case PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }:
                    return "it is read-only";
            }
        }
        return null;
    }

    /// <summary>The database as an owner knows it, for the log: the SQLite file, or the PostgreSQL database and server (never a password).</summary>
    public static string Name(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is SqliteConnection sqlite ? $"the SQLite file {sqlite.DataSource}" : $"the PostgreSQL database {connection.Database} at {connection.DataSource}";
    }
}

/// <summary>
/// Whether the database is refusing writes just now, for the health probe: set by the first write it refuses (logged
/// once, naming the database) or by a start on a read-only database, cleared by the next write it takes.
/// </summary>
public sealed partial class StorageRefusals(ILogger<StorageRefusals> logger)
{
    private string? reason;

    /// <summary>"The database refuses writes: it is read-only", or null while writes go in.</summary>
    public string? Reason => Volatile.Read(ref reason);

    public void Refused(string database, string why)
    {
        var now = $"The database refuses writes: {why}";
        if (Interlocked.Exchange(ref reason, now) is null) Log.Refusing(logger, database, why);
    }

    /// <summary>Found at start-up, and logged there: the next refused write is not news.</summary>
    public void Known(string why) => Volatile.Write(ref reason, $"The database refuses writes: {why}");

    public void Took()
    {
        if (Volatile.Read(ref reason) is not null && Interlocked.Exchange(ref reason, null) is not null) Log.TakingAgain(logger);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
            Message = "A write to {Database} failed because {Why}: nothing is stored until that is mended; readers are still served, writers are answered 503")]
        public static partial void Refusing(ILogger logger, string database, string why);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "The database takes writes again")]
        public static partial void TakingAgain(ILogger logger);
    }
}

/// <summary>
/// Sees every command and commit EF Core runs, so a refused write is noticed wherever it happens (a comment, a
/// sign-in, a background worker), and a saved change tells that writes go in again.
/// </summary>
internal sealed class StorageRefusalInterceptor(StorageRefusals refusals) : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Note(eventData.Connection, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Note(eventData.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    // SQLite may refuse only at the commit (a full disk found when the log grows).
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Note(eventData.Context?.Database.GetDbConnection(), eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context?.Database.GetDbConnection(), eventData.Exception);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0) refusals.Took();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0) refusals.Took();
        return ValueTask.FromResult(result);
    }

    private void Note(DbConnection? connection, Exception error)
    {
        if (StorageFull.Why(error) is { } why) refusals.Refused(connection is null ? "the database" : StorageFull.Name(connection), why);
    }
}
