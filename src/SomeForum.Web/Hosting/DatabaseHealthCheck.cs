using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SomeForum.Web.Data;

namespace SomeForum.Web.Hosting;

/// <summary>
/// An instance can serve pages when it can read from its database, the database takes writes (as far as the last write
/// showed: <see cref="StorageRefusals"/>), and the database's schema is the one this build expects: every migration it
/// carries applied. One table read a probe; the migrations are compared on the first probe and then at most every few
/// minutes (<see cref="MigrationsCheck"/>), not at every probe.
/// </summary>
internal sealed class DatabaseHealthCheck(ForumDb db, MigrationsCheck migrations, StorageRefusals refusals) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A query that reads a table, not SELECT 1, which SQLite answers without looking at the file. An exception
        // is reported as Unhealthy by the health check service, with the exception in its log (not in the answer).
        await db.Posts.AnyAsync(cancellationToken);
        // Readable but refusing writes (a full disk, a read-only file): nobody can comment here, so a balancer should
        // send writers elsewhere; the log names the database.
        if (refusals.Reason is { } refused) return HealthCheckResult.Unhealthy(refused);
        return await migrations.ResultAsync(db, cancellationToken);
    }
}

/// <summary>
/// The applied migrations against the build's, remembered for a while: the history table changes only when some
/// instance migrates, at its start. Looked at again now and then, so an instance a newer build has overtaken says so.
/// </summary>
internal sealed class MigrationsCheck(TimeProvider clock)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(5);

    // Two probes at once may both compare: harmless, and cheaper than a lock on every probe.
    private volatile Snapshot? last;

    public async Task<HealthCheckResult> ResultAsync(ForumDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (last is { } known && now - known.At < RecheckAfter) return known.Result;
        var result = Compare([.. db.Database.GetMigrations()], [.. await db.Database.GetAppliedMigrationsAsync(ct)]);
        last = new Snapshot(now, result);
        return result;
    }

    private sealed record Snapshot(DateTimeOffset At, HealthCheckResult Result);

    private static HealthCheckResult Compare(List<string> built, List<string> applied)
    {
        var missing = built.Except(applied, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            // The code would query tables or columns the database does not have.
            return HealthCheckResult.Unhealthy($"{Texts(missing.Count)} of this build not applied: {string.Join(", ", missing)}");
        }
        var unknown = applied.Except(built, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            // A newer build migrated the shared database: this instance still serves, but is out of date.
            return HealthCheckResult.Degraded($"{Texts(unknown.Count)} applied that this build does not know (a newer version migrated the database): {string.Join(", ", unknown)}");
        }
        return HealthCheckResult.Healthy();
    }

    private static string Texts(int count) => count == 1 ? "1 migration" : $"{count} migrations";
}
