using System.Security.Cryptography;
using System.Text;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Avatars;

/// <summary>
/// The name of an email's picture: the first 128 bits of HMAC-SHA256 over the normalised email, keyed
/// with the app's own secret (<see cref="AvatarKey"/>). Without that key the token says nothing about
/// the email: unlike a plain (or Gravatar's MD5) hash, it cannot be matched against a list of addresses.
/// </summary>
public static class AvatarToken
{
    public const int Length = 32;

    /// <summary>The token for an email, or null when there is no email to draw.</summary>
    public static string? For(ReadOnlySpan<byte> key, string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        if (key.Length < 32) throw new ArgumentException("The avatar key must be at least 256 bits.", nameof(key));
        var normalised = Encoding.UTF8.GetBytes(EmailAddress.Normalize(email));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, normalised, mac);
        return Convert.ToHexStringLower(mac[..(Length / 2)]);
    }

    /// <summary>True for what <see cref="For"/> makes: 32 lowercase hexadecimal digits.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
