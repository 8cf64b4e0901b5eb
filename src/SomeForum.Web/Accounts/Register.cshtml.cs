using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Comments;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Accounts;

public sealed class RegisterModel(
    UserManager<ForumUser> users, SignInManager<ForumUser> signIn, DisplayNames names, AddressConfirmations confirmations,
    UnconfirmedAccounts unconfirmed, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>With mail on, the answer to every accepted registration, new address or not: a link is on its way.</summary>
    public bool Mailed { get; private set; }

    public int LinkHours => confirmations.LinkHours;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (name, problem) = await names.CheckAsync(Input.DisplayName, null, ct);
        if (problem is not null) ModelState.AddModelError("Input.DisplayName", problem);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var user = new ForumUser
        {
            UserName = Input.Email!.Trim(),
            Email = Input.Email.Trim(),
            DisplayName = name,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            // The account's mails, its confirmation first, are written in the language it registered in.
            Language = MailLanguage.OfThisRequest(),
        };
        if (!confirmations.MailEnabled) return await RegisterUnprovenAsync(user);

        // With mail on, the page must not tell a stranger which addresses have accounts: a taken address gets the
        // same answer as a new one, after the same work (the password checked and hashed), and its owner gets a mail.
        if (!await PasswordAcceptedAsync(user)) return Refused();
        // A registration of this address that was never confirmed in time holds it no longer: this one is new.
        await unconfirmed.RemoveExpiredAsync(user.Email, ct);
        if (await users.FindByEmailAsync(user.Email) is { } owner)
        {
            users.PasswordHasher.HashPassword(user, Input.Password!);
            await confirmations.TellOwnerAsync(owner, ct);
            return CheckYourMail();
        }
        user.ExpiresUnconfirmed = true;
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            // Registered a moment ago by another request: the same answer as above.
            if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                && await users.FindByEmailAsync(user.Email) is { } racer)
            {
                await confirmations.TellOwnerAsync(racer, ct);
                return CheckYourMail();
            }
            return Refused(result);
        }
        await confirmations.SendLinkAsync(user, ct);
        return CheckYourMail();
    }

    /// <summary>Without mail there is no proof to ask for: the account is made and signed in, as before.</summary>
    private async Task<IActionResult> RegisterUnprovenAsync(ForumUser user)
    {
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded) return Refused(result);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }

    private async Task<bool> PasswordAcceptedAsync(ForumUser user)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, Input.Password);
            errors.AddRange(checkedPassword.Errors);
        }
        foreach (var error in errors) ModelState.AddModelError("Input.Password", error.Description);
        return errors.Count == 0;
    }

    private PageResult CheckYourMail()
    {
        Mailed = true;
        return Page();
    }

    private PageResult Refused(IdentityResult? result = null)
    {
        foreach (var error in result?.Errors ?? [])
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password"
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                : "";
            ModelState.AddModelError(field, error.Description);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class RegisterInput
{
    /// <summary>Checked by <see cref="DisplayNames"/>, the rules the profile page applies too.</summary>
    [Display(Name = "Register.DisplayName")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Valid.EmailRequiredShort"), EmailLike(ErrorMessage = "Valid.EmailLike")]
    public string? Email { get; set; }

    /// <summary>Its shortest length is Identity's rule (AdminOptions.PasswordLength), told in the reader's language by <see cref="ForumIdentityErrors"/>.</summary>
    [Required(ErrorMessage = "Valid.PasswordChoose"), DataType(DataType.Password)]
    [StringLength(200, ErrorMessage = "Password.TooLong")]
    public string? Password { get; set; }

    [Display(Name = "Register.ConfirmPassword"), DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "Valid.PasswordsDiffer")]
    public string? ConfirmPassword { get; set; }
}
