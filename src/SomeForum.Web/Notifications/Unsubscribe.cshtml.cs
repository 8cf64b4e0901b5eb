using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Every mail's unsubscribe link. A GET asks (mail scanners open links); a POST unsubscribes, from the button or
/// straight from a mail program (RFC 8058 one-click: a POST of "List-Unsubscribe=One-Click" to the same address). That
/// POST comes without a form of ours, so it carries no antiforgery token: the signed token in the address is the
/// permission, and all it can do is stop mail to the one address or account it names.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(MailLinks links, MailSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public UnsubscribeRequest? Asked { get; private set; }
    public bool Done { get; private set; }


    public IActionResult OnGet() => Read();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Read();
        if (Asked is null) return Page();
        await subscriptions.UnsubscribeAsync(Asked, ct);
        Done = true;
        return Page();
    }

    private PageResult Read()
    {
        Asked = links.ReadUnsubscribe(Token);
        if (Asked is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
