namespace SomeForum.Web.Notifications;

/// <summary>Wakes the mail sender when something was queued or waits for moderators, so it need not poll often.</summary>
public sealed class MailSignal : IDisposable
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
            // Already signalled: the sender looks at the whole queue anyway.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}
