using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Identity's data-protection token for password resets, with a lifetime of its own (Accounts:PasswordResetMinutes),
/// shorter than the other account links'. Like them it names the account and its security stamp, so it dies once
/// the password changes: a link works once.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptions<PasswordResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<ForumUser>> logger)
    : DataProtectorTokenProvider<ForumUser>(protection, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;
