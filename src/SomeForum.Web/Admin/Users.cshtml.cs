using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Accounts;

namespace SomeForum.Web.Admin;

/// <summary>Administrators grant and revoke the Moderator and Author roles.</summary>
public sealed class UsersModel(
    UserManager<ForumUser> users, SomeForum.Web.Data.ForumDb db, SomeForum.Web.Comments.ThreadChanges changes, PasswordResets resets, TimeProvider clock) : PageModel
{
    public sealed record UserRow(string Id, string Email, string DisplayName, IList<string> Roles, DateTime? SuspendedAt, int Comments);

    public IReadOnlyList<UserRow> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool HasMore { get; private set; }

    /// <summary>With mail, a reset link goes to the account's address; without, the administrator chooses the password.</summary>
    public bool MailEnabled => resets.MailEnabled;

    /// <summary>A page of accounts and their roles in two queries, however many accounts there are.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var page = await db.Users.AsNoTracking().OrderBy(u => u.Email).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.SuspendedAt }).ToListAsync(ct);
        HasMore = page.Count > PageSize;
        var ids = page.Take(PageSize).Select(u => u.Id).ToList();
        var roles = (await (from link in db.UserRoles
                            join role in db.Roles on link.RoleId equals role.Id
                            where ids.Contains(link.UserId)
                            select new { link.UserId, role.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        // What one step would trash: the comments of the suspended accounts on this page that are not in the trash yet.
        var suspended = page.Take(PageSize).Where(u => u.SuspendedAt is not null).Select(u => u.Id).ToList();
        var comments = suspended.Count == 0 ? [] : await db.Comments.Where(c => c.UserId != null && suspended.Contains(c.UserId) && c.Status != SomeForum.Web.Comments.CommentStatus.Trash && c.ErasedAt == null)
            .GroupBy(c => c.UserId!).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        Items = [.. page.Take(PageSize).Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, [.. roles[u.Id].Order(StringComparer.Ordinal)],
            u.SuspendedAt, comments.GetValueOrDefault(u.Id)))];
    }

    /// <summary>
    /// Suspends an account (it cannot sign in or comment, and its sessions end with its new security stamp) or lifts the
    /// suspension. Administrators are not suspended: the site must keep one who can lift a suspension.
    /// </summary>
    public async Task<IActionResult> OnPostSuspendAsync(string id, bool suspend)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            Message = Site.Strings.Format("Admin.Users.AdminNotSuspended", user.Email);
            return RedirectToPage();
        }
        if ((user.SuspendedAt is not null) == suspend)
        {
            Message = Site.Strings.Format(suspend ? "Admin.Users.AlreadySuspended" : "Admin.Users.AlreadyNotSuspended", user.Email);
            return RedirectToPage();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        user.SuspendedAt = suspend ? now : null;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            // Every session of the account carries the old stamp: the next check ends it.
            await users.UpdateSecurityStampAsync(user);
            Moderation.AuditLog.Add(db, User, now, suspend ? "Suspend account" : "Unsuspend account", null, user.Email);
            await db.SaveChangesAsync();
        }
        Message = result.Succeeded
            ? Site.Strings.Format(suspend ? "Admin.Users.Suspended" : "Admin.Users.Unsuspended", user.Email)
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }

    /// <summary>Moves every comment of a suspended account to the trash in one step, through the one door, each audited.</summary>
    public async Task<IActionResult> OnPostTrashCommentsAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.SuspendedAt is null)
        {
            Message = Site.Strings.Format("Admin.Users.TrashOnlySuspended", user.Email);
            return RedirectToPage();
        }
        var ids = await db.Comments.Where(c => c.UserId == id && c.Status != SomeForum.Web.Comments.CommentStatus.Trash && c.ErasedAt == null)
            .Select(c => c.Id).ToListAsync(ct);
        var actor = Moderation.Actor.Of(User);
        var trashed = await changes.ModerateAsync(ids, Moderation.ModerationAction.Trash, actor, ct);
        Moderation.AuditLog.Add(db, actor, clock.GetUtcNow().UtcDateTime, "Trash account's comments", null, $"{trashed} comments of {user.Email}");
        await db.SaveChangesAsync(ct);
        Message = Site.Strings.Format(trashed == 1 ? "Admin.Users.TrashedOne" : "Admin.Users.TrashedOther", trashed, user.Email);
        return RedirectToPage();
    }

    /// <summary>
    /// A member who forgot their password: with mail, the same link "Forgot your password?" sends; without, the password
    /// typed here (the administrator tells its owner). Either ends the account's sessions once the password changes.
    /// Administrators' passwords are their own business (/account/password).
    /// </summary>
    public async Task<IActionResult> OnPostPasswordAsync(string id, string? password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            Message = Site.Strings.Format("Admin.Users.AdminOwnPassword", user.Email);
            return RedirectToPage();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (MailEnabled)
        {
            var sent = await resets.SendLinkAsync(user, ct);
            if (sent) Moderation.AuditLog.Add(db, User, now, "Send password reset link", null, user.Email);
            await db.SaveChangesAsync(ct);
            Message = Site.Strings.Format(sent ? "Admin.Users.LinkSent" : "Admin.Users.LinkNotSent", user.Email);
            return RedirectToPage();
        }
        // Identity's own rule judges the length, in the administrator's language (ForumIdentityErrors).
        var result = await resets.SetByAdministratorAsync(user, password ?? "");
        if (result.Succeeded)
        {
            Moderation.AuditLog.Add(db, User, now, "Set password", null, user.Email);
            await db.SaveChangesAsync(ct);
        }
        Message = result.Succeeded
            ? Site.Strings.Format("Admin.Users.PasswordSet", user.Email)
            : Site.Strings.Format("Admin.Users.PasswordUnchanged", user.Email, string.Join(" ", result.Errors.Select(e => e.Description)));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(string id, string role, bool grant)
    {
        if (role is not (Roles.Moderator or Roles.Author)) return BadRequest();
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            Message = Site.Strings.Format("Admin.Users.AdminHasAll", user.Email);
            return RedirectToPage();
        }
        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded)
        {
            // Their sessions carry the roles they had: a new stamp ends them, within the validator's interval.
            await users.UpdateSecurityStampAsync(user);
            Moderation.AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, grant ? "Grant role" : "Revoke role", null, $"{role}: {user.Email}");
            await db.SaveChangesAsync();
        }
        Message = result.Succeeded
            ? Site.Strings.Format($"Admin.Users.{(grant ? "Granted" : "Revoked")}.{role}", user.Email)
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }
}
