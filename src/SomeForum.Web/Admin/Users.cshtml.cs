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

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).Take(500).ToListAsync(ct);
        var rows = new List<UserRow>();
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, await users.GetRolesAsync(user)));
        }
        Items = rows;
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
            Moderation.AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, grant ? "Grant role" : "Revoke role", null, $"{role}: {user.Email}");
            await db.SaveChangesAsync();
        }
        Message = result.Succeeded
            ? $"{user.Email} {(grant ? "is now" : "is no longer")} {(role == Roles.Author ? "an" : "a")} {role}."
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }
}
