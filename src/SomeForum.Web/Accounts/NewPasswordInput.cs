using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Accounts;

/// <summary>A new password typed twice, as the change-password and reset-password forms ask for it.</summary>
public class NewPasswordInput
{
    [Display(Name = "Password.New"), Required(ErrorMessage = "Valid.NewPasswordRequired"), DataType(DataType.Password)]
    [StringLength(200, MinimumLength = AdminOptions.PasswordLength, ErrorMessage = "Valid.PasswordLength")]
    public string? NewPassword { get; set; }

    [Display(Name = "Password.NewAgain"), DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Valid.PasswordsDiffer")]
    public string? ConfirmPassword { get; set; }
}
