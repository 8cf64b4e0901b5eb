using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Accounts;

/// <summary>
/// A registration whose address never answered its link is removed after Accounts:UnconfirmedAccountHours, so that
/// whoever typed someone else's address cannot hold it for ever: the address then registers as new. Such an account
/// cannot comment (CommentPipeline refuses it), and one that nevertheless has comments, posts or roles (mail was off
/// for a while, or an administrator granted one) is kept.
/// </summary>
public sealed class UnconfirmedAccounts(
    ForumDb db, ILookupNormalizer normalizer, IOptionsMonitor<AccountsOptions> accounts, IOptionsMonitor<MailOptions> mail, TimeProvider clock)
{
    public async Task<int> RemoveExpiredAsync(string? email, CancellationToken ct)
    {
        // Without mail nobody can confirm: every account keeps its address (AddressConfirmations.OwnsAddress).
        if (!mail.CurrentValue.Enabled) return 0;
        var before = clock.GetUtcNow().UtcDateTime.AddHours(-accounts.CurrentValue.UnconfirmedAccountHours);
        var expired = db.Users.Where(u => u.ExpiresUnconfirmed && !u.EmailConfirmed && u.CreatedAt < before
            && !db.UserRoles.Any(r => r.UserId == u.Id)
            && !db.Comments.Any(c => c.UserId == u.Id)
            && !db.Posts.Any(p => p.AuthorId == u.Id));
        if (email is not null)
        {
            var normalized = normalizer.NormalizeEmail(email);
            expired = expired.Where(u => u.NormalizedEmail == normalized);
        }
        // One statement, its conditions checked row by row: a link confirmed at this very moment keeps its account.
        // The account's claims, logins, tokens and roles go with it (cascading keys of Identity's tables).
        return await expired.ExecuteDeleteAsync(ct);
    }
}

/// <summary>Removes the expired registrations once an hour (and at each registration, for its own address).</summary>
public sealed class UnconfirmedAccountSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<UnconfirmedAccountSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<UnconfirmedAccounts>().RemoveExpiredAsync(null, stoppingToken);
                if (removed > 0) logger.UnconfirmedRemoved(removed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.SweepFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

internal static partial class UnconfirmedAccountLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} registrations whose address was never confirmed")]
    public static partial void UnconfirmedRemoved(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sweep of unconfirmed registrations failed; it is tried again in an hour")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);
}
