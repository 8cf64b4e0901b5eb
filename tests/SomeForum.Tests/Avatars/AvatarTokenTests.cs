using System.Security.Cryptography;
using System.Text;
using SomeForum.Web.Avatars;

namespace SomeForum.Tests.Avatars;

/// <summary>
/// The token names an email's picture without giving the email away: keyed, so neither the address nor
/// any plain hash of it (Gravatar's MD5, SHA-1, SHA-256) can be found in it or matched against it.
/// </summary>
public sealed class AvatarTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void TheSameEmailAlwaysHasTheSameToken()
    {
        var token = AvatarToken.For(Key, "ada.lovelace@example.org");

        Assert.Equal(token, AvatarToken.For(Key, "ada.lovelace@example.org"));
        // The address as people type it: case and surrounding spaces do not make another person.
        Assert.Equal(token, AvatarToken.For(Key, "  Ada.Lovelace@EXAMPLE.org "));
        Assert.True(AvatarToken.IsWellFormed(token));
        Assert.Equal(AvatarToken.Length, token!.Length);
    }

    [Fact]
    public void DifferentEmailsHaveDifferentTokens()
    {
        var emails = Enumerable.Range(0, 1000).Select(i => $"reader{i}@example.org")
            .Append("ada@example.org").Append("ada@example.com").Append("adb@example.org").ToList();
        var tokens = emails.Select(e => AvatarToken.For(Key, e)).ToList();
        Assert.Equal(emails.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheTokenDependsOnTheKey()
    {
        Assert.NotEqual(AvatarToken.For(Key, "ada@example.org"), AvatarToken.For(OtherKey, "ada@example.org"));
    }

    [Theory]
    [InlineData("ada.lovelace@example.org")]
    [InlineData("a@b.co")]
    [InlineData("Grace.Hopper+forum@example.com")]
    public void TheTokenHoldsNeitherTheEmailNorAPlainHashOfIt(string email)
    {
        var token = AvatarToken.For(Key, email)!;
        var normalised = email.Trim().ToLowerInvariant();
        var bytes = Encoding.UTF8.GetBytes(normalised);

        Assert.DoesNotContain(normalised, token, StringComparison.OrdinalIgnoreCase);
        var local = normalised.Split('@')[0];
        if (local.Length >= 4) Assert.DoesNotContain(local, token, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", token, StringComparison.Ordinal);
        // MD5 and SHA-1 are here only to prove the token is not them (Gravatar's MD5 is the usual leak).
#pragma warning disable CA5350, CA5351
        var plainHashes = new[] { MD5.HashData(bytes), SHA1.HashData(bytes), SHA256.HashData(bytes), SHA512.HashData(bytes) };
#pragma warning restore CA5350, CA5351
        foreach (var hash in plainHashes)
        {
            var hex = Convert.ToHexStringLower(hash);
            // Not the hash, nor any 8-character run of it (a prefix or a slice would still identify the email).
            for (var i = 0; i + 8 <= hex.Length; i++)
            {
                Assert.DoesNotContain(hex.Substring(i, 8), token, StringComparison.Ordinal);
            }
        }
        // Nor the HMAC of the email under an empty or guessable key.
        Assert.NotEqual(Convert.ToHexStringLower(HMACSHA256.HashData(new byte[32], bytes))[..AvatarToken.Length], token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoEmailMeansNoToken(string? email) => Assert.Null(AvatarToken.For(Key, email));

    [Fact]
    public void AShortKeyIsRefused() =>
        Assert.Throws<ArgumentException>(() => AvatarToken.For(new byte[16], "ada@example.org"));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0", false)]
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData(null, false)]
    public void OnlyWhatForMakesIsWellFormed(string? token, bool wellFormed) =>
        Assert.Equal(wellFormed, AvatarToken.IsWellFormed(token));
}
