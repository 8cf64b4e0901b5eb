using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Avatars;

/// <summary>
/// One picture, drawn from its address alone: no database, no email. A token's picture never changes,
/// so browsers may keep it for a year without asking again.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class AvatarModel : PageModel
{
    public const string Anonymous = "anonymous";

    public IActionResult OnGet(string token)
    {
        string svg;
        if (token == Anonymous) svg = Identicon.Placeholder;
        else if (AvatarToken.IsWellFormed(token)) svg = Identicon.Svg(token);
        else return NotFound();

        Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Content(svg, "image/svg+xml; charset=utf-8");
    }
}
