namespace SomeForum.Web.Hosting;

/// <summary>
/// Wakes a background worker (<typeparamref name="TWorker"/>) when there is work, so it need not poll often.
/// Signals given while it works fold into one: it looks at its whole queue each time it wakes.
/// </summary>
public sealed class WorkSignal<TWorker> : IDisposable
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
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}
