using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Web.Hosting;

/// <summary>
/// The webmention queue is moving: no queued request is waiting long past its due time. The queue is the site's, not
/// this instance's (a few instances may run the worker, or none), so a stuck queue is Degraded, which a load balancer
/// still sends traffic to, with the reason for whoever watches the probe. One query on the (State, NextAttemptAt) index.
/// </summary>
internal sealed class WebmentionQueueHealthCheck(ForumDb db, IOptionsMonitor<PingbackOptions> options, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.CurrentValue.Enabled) return HealthCheckResult.Healthy();
        var now = clock.GetUtcNow().UtcDateTime;
        var stuckBefore = now - StuckAfter;
        var oldestDue = await db.WebmentionRequests.AsNoTracking()
            .Where(r => r.State == WebmentionState.Queued && r.NextAttemptAt < stuckBefore)
            .OrderBy(r => r.NextAttemptAt).Select(r => (DateTime?)r.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        if (oldestDue is not { } due) return HealthCheckResult.Healthy();
        var minutes = (int)(now - due).TotalMinutes;
        var worker = options.CurrentValue.ProcessWebmentions ? "" : " (this instance's worker is off: Pingback:ProcessWebmentions)";
        return HealthCheckResult.Degraded($"the oldest due webmention has waited {minutes} minutes past its due time{worker}");
    }
}
