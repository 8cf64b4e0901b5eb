using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Accounts;

public sealed class RegisterModel(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, DisplayNames names, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

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
        };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                    : "";
                ModelState.AddModelError(field, error.Description);
            }
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }
}

public sealed class RegisterInput
{
    /// <summary>Checked by <see cref="DisplayNames"/>, the rules the profile page applies too.</summary>
    [Display(Name = "Name shown on your comments")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Enter your email address."), EmailLike(ErrorMessage = "Enter an email address like name@example.org.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "A password needs at least {2} characters.")]
    public string? Password { get; set; }

    [Display(Name = "Password again"), DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string? ConfirmPassword { get; set; }
}
