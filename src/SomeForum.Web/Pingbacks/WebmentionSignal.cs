namespace SomeForum.Web.Pingbacks;

/// <summary>Wakes the webmention worker when something was queued, so it need not poll often.</summary>
public sealed class WebmentionSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look at the whole queue anyway.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}
