using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// Verifies one queued webmention and applies it (W3C Webmention §3.2.2–3.2.4): a source that
/// links to the target adds a mention through the comment pipeline, or updates the one already
/// there; a source that answers 410, or no longer links, removes it; a source that could not be
/// reached is tried again later, a few times.
/// </summary>
public sealed class WebmentionProcessor(
    ForumDb db, MentionVerifier verifier, CommentPipeline comments, ThreadChanges changes, IOptionsMonitor<PingbackOptions> options,
    SourceHostTurns hosts, WorkSignal<WebmentionWorker> moreWork, TimeProvider clock, ILogger<WebmentionProcessor> logger)
{
    /// <summary>How many due requests are looked at to find one whose host is free.</summary>
    private const int Candidates = 32;

    public const string Protocol = "Webmention";

    /// <summary>How long a claimed request is left alone; if the process dies meanwhile, it is tried again after this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Processes the oldest due request whose source host is free (<see cref="SourceHostTurns"/>); false when there is none.
    /// </summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebmentionRequests.AsNoTracking()
            .Where(r => r.State == WebmentionState.Queued && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id)
            .Take(Candidates)
            .ToListAsync(ct);
        var next = due.FirstOrDefault(r => hosts.TryTake(r.Source));
        if (next is null) return false;
        var fetchFailed = false;
        try
        {
            fetchFailed = await ProcessAsync(next, now, ct);
        }
        finally
        {
            hosts.Release(next.Source, fetchFailed);
        }
        return true;
    }

    /// <summary>Claims and processes the request; true when its source could not be fetched (its host then rests).</summary>
    private async Task<bool> ProcessAsync(WebmentionRequest next, DateTime now, CancellationToken ct)
    {

        // Claimed by a lease, the same on both providers: one UPDATE raises the attempt count the request was read with
        // and moves it out of reach for the lease. Of two instances that read it, the second's UPDATE finds the count
        // raised (PostgreSQL re-reads a row another transaction changed) and claims nothing, so each try is one
        // instance's. One that dies mid-item leaves it queued, and after the lease another claims the next try.
        // Not FOR UPDATE SKIP LOCKED: its row lock lasts as long as its transaction, so it would be held open across the
        // source fetch or would need this lease anyway; the lease alone works on both providers, and two instances that
        // pick the same request lose only a round trip.
        var claimed = await db.WebmentionRequests
            .Where(r => r.Id == next.Id && r.State == WebmentionState.Queued && r.Attempts == next.Attempts)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Attempts, next.Attempts + 1).SetProperty(r => r.NextAttemptAt, now + Lease), ct);
        if (claimed == 0) return false;
        var attempt = next.Attempts + 1;
        // There may be more: another lane looks while this one fetches.
        moreWork.Notify();

        var (state, outcome, fetchFailed) = attempt > options.CurrentValue.MaxAttempts
            ? (WebmentionState.Failed, "Given up: it did not finish in earlier tries", false)
            : await ApplyAsync(next, attempt, ct);
        var done = clock.GetUtcNow().UtcDateTime;
        var retryAt = done + TimeSpan.FromMinutes(attempt * attempt);
        // Only while the claim is still ours: a try that outlived its lease (another instance took the request over)
        // must not overwrite what the newer try finds.
        await db.WebmentionRequests.Where(r => r.Id == next.Id && r.Attempts == attempt).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, state)
            .SetProperty(r => r.Outcome, outcome)
            .SetProperty(r => r.CompletedAt, state == WebmentionState.Queued ? null : done)
            .SetProperty(r => r.NextAttemptAt, state == WebmentionState.Queued ? retryAt : done), ct);
        if (logger.IsEnabled(LogLevel.Information)) logger.WebmentionProcessed(next.Id, attempt, state, outcome);
        return fetchFailed;
    }

    /// <summary>Verifies and applies the request; FetchFailed when the source could not be had this time (it may later).</summary>
    private async Task<(WebmentionState State, string Outcome, bool FetchFailed)> ApplyAsync(WebmentionRequest request, int attempt, CancellationToken ct)
    {
        var verification = await verifier.VerifyAsync(Protocol, new Uri(request.Source), new Uri(request.Target), request.CallerIp, ct);
        var (state, outcome) = await ApplyAsync(request, verification, attempt, ct);
        return (state, outcome, verification.Outcome is not (VerificationOutcome.Linked or VerificationOutcome.Gone or VerificationOutcome.NoLink) && verification.MayPass);
    }

    private async Task<(WebmentionState, string)> ApplyAsync(WebmentionRequest request, Verification verification, int attempt, CancellationToken ct)
    {
        var existing = await db.Comments.FirstOrDefaultAsync(c => c.PostId == request.PostId && c.SourceUrl == request.Source, ct);

        switch (verification.Outcome)
        {
            case VerificationOutcome.Linked:
                await db.WebmentionRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.LinkVerified, true), ct);
                return existing is null ? await AddAsync(request, verification.Page!, ct) : await UpdateAsync(request, existing, verification.Page!, ct);
            case VerificationOutcome.Gone:
                return existing is null
                    ? (WebmentionState.Done, "Source gone (410); nothing to remove")
                    : await RemoveAsync(existing, "the source answered 410 Gone", ct);
            case VerificationOutcome.NoLink:
                if (existing is null) return (WebmentionState.Done, "No link to the target; nothing stored");
                // Only a webmention for the very address once verified may withdraw it: otherwise anyone could
                // remove a mention by naming the post another way (a query, a slash, the other scheme).
                var withdrawable = existing.Kind == CommentKind.Webmention && await db.WebmentionRequests.AnyAsync(r =>
                    r.Id != request.Id && r.PostId == request.PostId && r.Source == request.Source && r.Target == request.Target && r.LinkVerified, ct);
                return withdrawable
                    ? await RemoveAsync(existing, "the source no longer links to the post", ct)
                    : (WebmentionState.Done, "No link to this target; the mention verified under another address stays");
            default:
                var problem = verification.StatusCode is { } code ? $"{verification.Description} ({code})" : verification.Description;
                return verification.MayPass && attempt < options.CurrentValue.MaxAttempts
                    ? (WebmentionState.Queued, $"Source not verified: {problem}; trying again later")
                    : (WebmentionState.Failed, $"Source not verified: {problem}");
        }
    }

    private async Task<(WebmentionState, string)> AddAsync(WebmentionRequest request, SourcePage page, CancellationToken ct)
    {
        CommentResult result;
        try
        {
            result = await comments.AddAsync(
                page.AsMention(request.PostId, CommentKind.Webmention, request.Source, request.CallerIp, request.UserAgent), CommentOrigin.Webmention, ct);
        }
        catch (DbUpdateException)
        {
            // A pingback from the same source arrived meanwhile; the unique (post, source) index kept one.
            return (WebmentionState.Done, "Already stored from this source");
        }
        return result switch
        {
            { Comment: { } comment } => (WebmentionState.Done, $"Stored as comment {comment.Id} ({comment.Status})"),
            // Verified, but the database cannot store it (a full disk, read-only): the mention is not lost, only late.
            { Rejection.Problem: CommentProblem.StorageFull } => (WebmentionState.Queued, "Verified but not stored: the database refuses writes just now; trying again later"),
            _ => (WebmentionState.Failed, $"Refused: {result.Rejection!.Message}"),
        };
    }

    /// <summary>Sent again: the mention takes the source's current title and excerpt, keeps its place, and is judged again.</summary>
    private async Task<(WebmentionState, string)> UpdateAsync(WebmentionRequest request, Comment existing, SourcePage page, CancellationToken ct)
    {
        var before = existing.Status;
        var outcome = await changes.UpdateMentionAsync(existing.Id,
            page.AsMention(request.PostId, existing.Kind, request.Source, request.CallerIp, request.UserAgent), CommentOrigin.Webmention, ct);
        return outcome.Status == before
            ? (WebmentionState.Done, $"Updated comment {existing.Id}")
            : (WebmentionState.Done, $"Updated comment {existing.Id}, judged again: {before} → {outcome.Status}");
    }

    /// <summary>
    /// The source withdrew the mention. It leaves the thread as a moderator's delete takes a comment away:
    /// one that readers answered stays as an erased placeholder, so their replies keep their place.
    /// </summary>
    private async Task<(WebmentionState, string)> RemoveAsync(Comment existing, string why, CancellationToken ct)
    {
        await changes.EraseAsync(existing.Id, Actor.Webmention, $"Removed because {why}", ct);
        return (WebmentionState.Done, $"Removed comment {existing.Id}: {why}");
    }
}
