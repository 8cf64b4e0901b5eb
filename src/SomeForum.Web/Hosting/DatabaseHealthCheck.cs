using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SomeForum.Web.Data;

namespace SomeForum.Web.Hosting;

/// <summary>An instance can serve pages when it can read from its database.</summary>
internal sealed class DatabaseHealthCheck(ForumDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A query that reads a table, not SELECT 1, which SQLite answers without looking at the file. An exception
        // is reported as Unhealthy by the health check service, with the exception in its log.
        await db.Posts.AnyAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
