namespace SomeForum.Web.Data;

/// <summary>Something an administrator saved in the database and that is kept in memory (see <see cref="SavedInMemory{T}"/>).</summary>
public interface ISavedInMemory
{
    /// <summary>After what was saved changed, so that this instance reads it again on its next request.</summary>
    void Forget();
}

/// <summary>
/// A small thing an administrator saves in the database (the moderation rules, the site settings), read once and
/// kept in memory: every page asks for it, and it changes a few times a year. The instance that saves forgets it at
/// once; another instance forgets it when the page cache relay tells it every page changed, and at the latest
/// after <see cref="KeptFor"/>.
/// </summary>
public class SavedInMemory<T>(TimeProvider clock) : ISavedInMemory where T : class
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    private sealed record Kept(T? Value, DateTimeOffset Until);

    private volatile Kept? kept;
    private int forgotten;

    /// <summary>The kept value (null: nothing saved), else what <paramref name="read"/> finds.</summary>
    protected async Task<T?> GetAsync(Func<Task<T?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = clock.GetUtcNow();
        if (kept is { } current && current.Until > now) return current.Value;
        var version = Volatile.Read(ref forgotten);
        var value = await read();
        // A value read before a save finished is used once, not kept.
        if (version == Volatile.Read(ref forgotten)) kept = new Kept(value, now + KeptFor);
        return value;
    }

    public void Forget()
    {
        Interlocked.Increment(ref forgotten);
        kept = null;
    }
}
