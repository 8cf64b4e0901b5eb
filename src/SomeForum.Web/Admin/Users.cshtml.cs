using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Accounts;

namespace SomeForum.Web.Admin;

/// <summary>Administrators grant and revoke the Moderator and Author roles.</summary>
public sealed class UsersModel(UserManager<ForumUser> users, SomeForum.Web.Data.ForumDb db, TimeProvider clock) : PageModel
{
    public sealed record UserRow(string Id, string Email, string DisplayName, IList<string> Roles);

    public IReadOnlyList<UserRow> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool HasMore { get; private set; }

    /// <summary>A page of accounts and their roles in two queries, however many accounts there are.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var page = await db.Users.AsNoTracking().OrderBy(u => u.Email).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        HasMore = page.Count > PageSize;
        var ids = page.Take(PageSize).Select(u => u.Id).ToList();
        var roles = (await (from link in db.UserRoles
                            join role in db.Roles on link.RoleId equals role.Id
                            where ids.Contains(link.UserId)
                            select new { link.UserId, role.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        Items = [.. page.Take(PageSize).Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, [.. roles[u.Id].Order(StringComparer.Ordinal)]))];
    }

    public async Task<IActionResult> OnPostAsync(string id, string role, bool grant)
    {
        if (role is not (Roles.Moderator or Roles.Author)) return BadRequest();
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            Message = $"{user.Email} is an administrator, who moderates and writes already: nothing to change.";
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
            ? $"{user.Email} {(grant ? "is now" : "is no longer")} {(role == Roles.Author ? "an" : "a")} {role}."
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }
}
