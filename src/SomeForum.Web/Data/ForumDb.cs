using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;
using SomeForum.Web.Notifications;
using SomeForum.Web.Pingbacks;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Data;

/// <summary>
/// The one model of the forum. Each database provider derives its own context from it,
/// so that each keeps its own migrations while the model stays in one place.
/// </summary>
public abstract class ForumDb(DbContextOptions options) : IdentityDbContext<ForumUser>(options), IDataProtectionKeyContext
{
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Comment> Comments => Set<Comment>();

    /// <summary>The keys that protect cookies, shared by every instance that shares the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ModerationLogEntry> ModerationLog => Set<ModerationLogEntry>();
    public DbSet<ModerationRuleSet> ModerationRules => Set<ModerationRuleSet>();
    public DbSet<Site.StoredSettings> SiteSettings => Set<Site.StoredSettings>();

    /// <summary>Readers' reports of published comments, open until a moderator decides.</summary>
    public DbSet<CommentReport> Reports => Set<CommentReport>();

    /// <summary>Webmentions accepted and waiting for their source to be verified.</summary>
    public DbSet<WebmentionRequest> WebmentionRequests => Set<WebmentionRequest>();

    /// <summary>
    /// Inside a transaction, makes writers of comments to one post wait for each other, so that a
    /// check made before an insert still holds when the insert commits. SQLite needs nothing:
    /// a write transaction there already excludes every other writer.
    /// </summary>
    public virtual Task LockPostForWritingAsync(long postId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Inside a transaction, makes writers for one client (an account, or an address) wait for each other, whatever
    /// post they write to: two instances taking one client's comments to two posts at once would otherwise both pass
    /// the flood check. SQLite needs nothing, for the same reason as above.
    /// </summary>
    public virtual Task LockClientForWritingAsync(string clientKey, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Mail waiting to be sent, and the delivery log of what was.</summary>
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();

    public DbSet<MailSubscription> MailSubscriptions => Set<MailSubscription>();
    public DbSet<MailRecipient> MailRecipients => Set<MailRecipient>();

    /// <summary>Pings and webmentions counted against the rate limits on PostgreSQL, so every instance shares them.</summary>
    public DbSet<PingbackPermit> PingbackPermits => Set<PingbackPermit>();

    /// <summary>
    /// Ids for comments about to be inserted, ascending, never given before: an import knows each comment's
    /// thread path before it writes it, and its comments keep the order they had on their page.
    /// </summary>
    public abstract Task<long[]> ReserveCommentIdsAsync(int count, CancellationToken ct);

    /// <summary>
    /// Why the database would refuse any write (the reason's words, as <see cref="StorageFull.Why"/> gives them), or
    /// null when it can be written or does not exist yet (then the migrations create it). Asked once, at start-up.
    /// </summary>
    public abstract Task<string?> RefusesWritesAsync(CancellationToken ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ForumDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; reading one back must say so, whatever the provider stores.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        // Enums as readable words, the same on every provider.
        configurationBuilder.Properties<CommentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CommentKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PostStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
