using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;
using SomeForum.Web.Site;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Follows the thread: a comment readers can see now and could not before is news to the author of the comment it
/// answers (if they asked, and confirmed their address) and to the post's author (if their account says so). A comment
/// just held wakes the sender, which sends the moderators' digest when its interval allows. Mail is only queued here,
/// in a database context of its own; the sender sends it later.
/// </summary>
public sealed class CommentNotifier(IServiceScopeFactory scopes, IOptionsMonitor<MailOptions> options, WorkSignal<MailSender> signal) : IThreadChangeSubscriber
{
    public async ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!options.CurrentValue.Enabled || change.CommentId is not { } id) return;
        if (change.Published)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CommentNotifications>().PublishedAsync(id, ct);
        }
        else if (change.After == CommentStatus.Pending && change.Before != CommentStatus.Pending)
        {
            signal.Notify();
        }
    }
}

public sealed class CommentNotifications(ForumDb db, MailOutbox queue, MailLinks links, MailSubscriptions subscriptions, SiteSettings settings)
{
    private const int ExcerptLength = 600;

    public async Task PublishedAsync(long commentId, CancellationToken ct)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new
            {
                c.Id, c.ParentId, c.RepliesToId, c.AuthorName, c.AuthorEmail, c.UserId, c.Source,
                PostTitle = c.Post.Title, PostAuthorId = c.Post.AuthorId,
            })
            .SingleOrDefaultAsync(ct);
        if (comment is null) return;
        var writer = comment.AuthorEmail is null ? null : EmailAddress.Normalize(comment.AuthorEmail);
        var excerpt = MailText.Excerpt(comment.Source, ExcerptLength);
        var site = await settings.CurrentAsync(ct);
        var commentUrl = site.Absolute(ForumUrls.Permalink(comment.Id));
        string? told = null;

        if ((comment.RepliesToId ?? comment.ParentId) is { } answered)
        {
            var parent = await db.Comments.AsNoTracking().Where(c => c.Id == answered)
                .Select(c => new { c.AuthorName, c.AuthorEmail, c.UserId }).SingleOrDefaultAsync(ct);
            var address = parent?.AuthorEmail is null ? null : EmailAddress.Normalize(parent.AuthorEmail);
            // Nobody is told of their own reply to themselves.
            var self = address == writer || (parent?.UserId is not null && parent.UserId == comment.UserId);
            // Written in the language the parent's author asked in, not in the replier's.
            var subscription = parent is null || address is null || self ? null
                : await db.MailSubscriptions.AsNoTracking().Where(s => s.CommentId == answered && s.Address == address)
                    .Select(s => new { s.Language }).SingleOrDefaultAsync(ct);
            if (parent is not null && address is not null && subscription is not null && await subscriptions.IsConfirmedAsync(address, ct))
            {
                var unsubscribe = links.UnsubscribeUrl(site, UnsubscribeScope.Replies, address);
                var (subject, text, html) = MailText.Reply(
                    parent.AuthorName, comment.AuthorName, comment.PostTitle, excerpt, commentUrl, unsubscribe, MailLanguage.Culture(subscription.Language));
                await queue.EnqueueAsync(new MailDraft(MailKind.Reply, address, parent.AuthorName, subject, text, html, unsubscribe, comment.Id), ct);
                told = address;
            }
        }

        if (comment.PostAuthorId is { } authorId && authorId != comment.UserId)
        {
            var author = await db.Users.AsNoTracking().Where(u => u.Id == authorId && u.NotifyOfComments && u.Email != null)
                .Select(u => new { u.Email, u.DisplayName, u.Language }).SingleOrDefaultAsync(ct);
            var address = author is null ? null : EmailAddress.Normalize(author.Email!);
            if (author is not null && address is not null && address != writer && address != told && await subscriptions.IsConfirmedAsync(address, ct))
            {
                var unsubscribe = links.UnsubscribeUrl(site, UnsubscribeScope.PostComments, authorId);
                var name = string.IsNullOrWhiteSpace(author.DisplayName) ? address.Split('@')[0] : author.DisplayName;
                var (subject, text, html) = MailText.NewComment(
                    name, comment.AuthorName, comment.PostTitle, excerpt, commentUrl, unsubscribe, MailLanguage.Culture(author.Language));
                await queue.EnqueueAsync(new MailDraft(MailKind.NewComment, address, name, subject, text, html, unsubscribe, comment.Id), ct);
            }
        }
    }
}
