using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Notifications;

/// <summary>
/// The link of the confirmation mail. Opening it only asks; the button confirms: mail scanners open the links of the
/// mail they screen, and must not confirm an address in its owner's stead.
/// </summary>
public sealed class ConfirmModel(MailLinks links, MailSubscriptions subscriptions, IOptionsMonitor<MailOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Address { get; private set; }
    public bool Confirmed { get; private set; }
    public int Hours => options.CurrentValue.ConfirmationHours;

    public IActionResult OnGet() => Read();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Read();
        if (Address is null) return Page();
        await subscriptions.ConfirmAsync(Address!, ct);
        Confirmed = true;
        return Page();
    }

    private PageResult Read()
    {
        Address = links.ReadConfirmation(Token);
        if (Address is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
