using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Accounts;

/// <summary>
/// The rules for the name an account shows on its comments and posts, in one place for registering and the profile:
/// untrusted text, so short, visible, one line, and never another account's name in other letter case.
/// </summary>
public sealed class DisplayNames(ForumDb db)
{
    public const int MaxLength = 50;

    /// <summary>Spaces trimmed and runs of them made one, as a reader would see the name anyway.</summary>
    public static string Tidy(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>What is wrong with a tidied name on its own, or null.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) return Site.Strings.Get("Name.Required");
        if (name.Length > MaxLength) return Site.Strings.Format("Name.TooLong", MaxLength);
        // Control and invisible characters would make two names that look the same differ (or a name look empty).
        if (name.Any(c => char.IsControl(c) || Slug.IsInvisible(c)) || name.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
        {
            return Site.Strings.Get("Name.Invisible");
        }
        if (!name.Any(char.IsLetterOrDigit)) return Site.Strings.Get("Name.NoLetter");
        return null;
    }

    /// <summary>Another account (not <paramref name="userId"/>) already shows this name, in any letter case.</summary>
    public async Task<bool> IsTakenAsync(string name, string? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The providers disagree on case folding beyond ASCII (SQLite's upper() knows only A–Z), so the database
        // narrows to names of the same length in characters, and .NET compares those.
        var characters = name.EnumerateRunes().Count();
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.Id != userId && u.DisplayName.Length == characters)
            .Select(u => u.DisplayName).ToListAsync(ct);
        return candidates.Any(other => string.Equals(Tidy(other), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The tidied name and what is wrong with it (null when it may be used).</summary>
    public async Task<(string Name, string? Problem)> CheckAsync(string? wanted, string? userId, CancellationToken ct)
    {
        var name = Tidy(wanted);
        var problem = Problem(name);
        if (problem is null && await IsTakenAsync(name, userId, ct)) problem = Site.Strings.Format("Name.Taken", name);
        return (name, problem);
    }
}
