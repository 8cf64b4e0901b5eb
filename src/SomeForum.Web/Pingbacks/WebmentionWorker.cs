using Microsoft.Extensions.Options;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// Works through the webmention queue in the database, one request at a time. What was queued
/// before a restart is simply still there: the worker finds it on its first look.
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
