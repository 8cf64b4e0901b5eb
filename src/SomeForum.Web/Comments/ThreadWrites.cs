using Microsoft.EntityFrameworkCore.Storage;
using SomeForum.Web.Data;

namespace SomeForum.Web.Comments;

/// <summary>
/// The transaction every change to a thread is written in, and the changes it announces. Changes are
/// held until the outermost scope commits, then handed to every <see cref="IThreadChangeSubscriber"/>;
/// a scope disposed without committing rolls back and announces nothing. Scopes nest: an import or a
/// moderator's reply is one transaction however many changes it makes, and the outermost scope alone decides
/// whether it commits (an inner one that does not commit only leaves that decision to it).
/// </summary>
public sealed class ThreadWrites(ForumDb db, IEnumerable<IThreadChangeSubscriber> subscribers, ILogger<ThreadWrites> logger, WritersInTurn? queue = null)
{
    private readonly List<ThreadChanged> pending = [];
    private IDbContextTransaction? transaction;

    public async Task<Scope> BeginAsync(CancellationToken ct)
    {
        if (transaction is not null) return new Scope(this, owner: false);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A thread change must own its transaction: begin it here, not on the context.");
        }
        if (queue is not null) await queue.EnterAsync(ct);
        try
        {
            transaction = await db.Database.BeginTransactionAsync(ct);
        }
        catch
        {
            queue?.Leave();
            throw;
        }
        return new Scope(this, owner: true);
    }

    /// <summary>Records a change made in the open scope; it is announced when that scope commits.</summary>
    public void Announce(ThreadChanged change)
    {
        if (transaction is null) throw new InvalidOperationException("A thread change is announced inside the transaction that makes it.");
        pending.Add(change);
    }

    private async Task CommitAsync()
    {
        try
        {
            // Not cancelled by a reader who leaves: once begun, a commit finishes and is announced.
            await transaction!.CommitAsync(CancellationToken.None);
        }
        catch
        {
            await AbandonAsync();
            throw;
        }
        await EndAsync();
        ThreadChanged[] committed = [.. pending];
        pending.Clear();
        foreach (var change in committed)
        {
            foreach (var subscriber in subscribers)
            {
                try
                {
                    await subscriber.OnThreadChangedAsync(change, CancellationToken.None);
                }
#pragma warning disable CA1031 // The change is committed whatever a follower does with it; one failing must not fail the writer.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.SubscriberFailed(e, subscriber.GetType().Name, change.PostId, change.CommentId);
                }
            }
        }
    }

    private async Task EndAsync()
    {
        if (transaction is null) return;
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            transaction = null;
            queue?.Leave();
        }
    }

    private async Task AbandonAsync()
    {
        pending.Clear();
        await EndAsync();
    }

    public sealed class Scope : IAsyncDisposable
    {
        private readonly ThreadWrites writes;
        private readonly bool owner;
        private bool committed;

        internal Scope(ThreadWrites writes, bool owner) => (this.writes, this.owner) = (writes, owner);

        /// <summary>Commits and announces, if this scope began the transaction; an inner scope leaves that to the outer one.</summary>
        public async Task CommitAsync(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (owner) await writes.CommitAsync();
            committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (owner && !committed) await writes.AbandonAsync();
        }
    }
}

internal static partial class ThreadWritesLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscriber} failed on a change to post {PostId}, comment {CommentId}")]
    public static partial void SubscriberFailed(this ILogger logger, Exception exception, string subscriber, long postId, long? commentId);
}
