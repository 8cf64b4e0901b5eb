namespace SomeForum.Web.Data;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the database busy sleeps 150 ms before it tries
/// again (Microsoft.Data.Sqlite), so under many posters each waits in steps of 150 ms however short the writes
/// are. The thread's writers in this process queue here instead and go in turn, each as soon as the one before
/// has finished. PostgreSQL has row and advisory locks that wake waiters at once, and needs none.
/// </summary>
public sealed class WritersInTurn : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public Task EnterAsync(CancellationToken ct) => turn.WaitAsync(ct);

    public void Leave() => turn.Release();

    public void Dispose() => turn.Dispose();
}
