using Microsoft.Extensions.Options;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// Works through the webmention queue in the database, in a few lanes at once (Pingback:WebmentionConcurrency), each
/// fetching from a different source host. What was queued before a restart is simply still there: the worker finds it
/// on its first look.
/// </summary>
public sealed class WebmentionWorker(
    IServiceScopeFactory scopes, WorkSignal<WebmentionWorker> signal, IOptionsMonitor<PingbackOptions> options, ILogger<WebmentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.ProcessWebmentions)
        {
            logger.WorkerPaused();
            return;
        }
        // Let the host finish starting before the first database work.
        await Task.Yield();
        await Task.WhenAll(Enumerable.Range(0, options.CurrentValue.WebmentionConcurrency).Select(_ => Task.Run(() => LaneAsync(stoppingToken), CancellationToken.None)));
    }

    // A lane that claims a request wakes another (see WebmentionProcessor), so a burst spreads over the lanes.
    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                worked = await scope.ServiceProvider.GetRequiredService<WebmentionProcessor>().ProcessNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.WorkerFailed(e);
                worked = false;
            }
            if (worked) continue;
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.CurrentValue.QueuePollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
