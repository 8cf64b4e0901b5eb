using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SomeForum.Web.Site;

/// <summary>Reading what the site signed (cookies, links): a forged, damaged or foreign token reads as nothing, never as an error.</summary>
public static class ProtectedText
{
    public static string? TryUnprotect(this IDataProtector protector, string? token)
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null; // from an older key ring, tampered with, or not ours
        }
    }

    /// <summary>The same for a time-limited token, with the time its signature gives it.</summary>
    public static string? TryUnprotect(this ITimeLimitedDataProtector protector, string? token, out DateTimeOffset expiration)
    {
        ArgumentNullException.ThrowIfNull(protector);
        expiration = default;
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return protector.Unprotect(token, out expiration);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
