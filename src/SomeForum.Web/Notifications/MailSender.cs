using Microsoft.Extensions.Options;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Sends what is queued, in the background, never in a reader's request: whatever was queued before a restart is
/// still there on its first look. Between mails it queues the moderators' digests that are due, and once an hour
/// sweeps old lines from the delivery log.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, WorkSignal<MailSender> signal, IOptionsMonitor<MailOptions> options, TimeProvider clock, ILogger<MailSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.MailOff();
            return;
        }
        await Task.Yield();
        var nextSweep = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime? nextDue = null;
            bool worked;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var delivery = scope.ServiceProvider.GetRequiredService<MailDelivery>();
                (worked, nextDue) = await delivery.SendNextAsync(stoppingToken);
                if (!worked) worked = await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().QueueDueAsync(stoppingToken) > 0;
                if (!worked && clock.GetUtcNow().UtcDateTime >= nextSweep)
                {
                    await delivery.SweepAsync(stoppingToken);
                    nextSweep = clock.GetUtcNow().UtcDateTime.AddHours(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.SenderFailed(e);
                worked = false;
            }
            if (worked) continue;
            var wait = TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);
            if (nextDue is { } due)
            {
                var untilDue = due - clock.GetUtcNow().UtcDateTime;
                if (untilDue < wait) wait = untilDue < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : untilDue;
            }
            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
