using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// The data-protection key ring (what signs sign-in and anti-forgery cookies) as it lies in the database: in plain XML
/// unless a certificate is configured, then encrypted, so a copy of the database alone forges nothing; instances
/// given the certificate read each other's keys, an instance without it cannot.
/// </summary>
[Collection(SqlitePools.Name)]
public sealed class KeyRingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("someforum-keys-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string Certificate(string name, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private ForumFactory Forum(string database, string? certificate = null, string password = "secret pass", params string[] earlier)
    {
        var forum = new ForumFactory(Path.Combine(folder, database)).With("Database:Provider", "Sqlite");
        if (certificate is not null) forum.With("DataProtection:CertificatePath", certificate).With("DataProtection:CertificatePassword", password);
        for (var i = 0; i < earlier.Length; i++) forum.With($"DataProtection:EarlierCertificatePaths:{i}", earlier[i]);
        return forum;
    }

    private static string Protect(ForumFactory forum, string text) =>
        forum.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text);

    private static string Unprotect(ForumFactory forum, string protectedText) =>
        forum.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);

    private static Task<List<string>> KeysAsync(ForumFactory forum) => forum.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

    [Fact]
    public async Task WithoutACertificateTheKeyIsPlainXmlInTheDatabase()
    {
        using var forum = Forum("plain.db");
        Protect(forum, "hello");

        var key = Assert.Single(await KeysAsync(forum));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal);
        Assert.DoesNotContain("encryptedSecret", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithACertificateTheKeyIsEncryptedAndOnlyAnInstanceWithTheCertificateReadsWhatWasSigned()
    {
        var certificate = Certificate("site", "secret pass");
        string token;
        using (var first = Forum("shared.db", certificate))
        {
            token = Protect(first, "a session");
            var key = Assert.Single(await KeysAsync(first));
            Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();

        // Another instance (or a restart) with the certificate reads it.
        using (var second = Forum("shared.db", certificate))
        {
            Assert.Equal("a session", Unprotect(second, token));
        }
        SqliteConnection.ClearAllPools();

        // A copy of the database without the certificate signs nothing it can pass off as the site's.
        using (var thief = Forum("shared.db"))
        {
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(thief, token));
        }
        SqliteConnection.ClearAllPools();

        // A new certificate, with the old one kept among the earlier ones, still reads the old keys.
        using (var rotated = Forum("shared.db", Certificate("next", "secret pass"), "secret pass", certificate))
        {
            Assert.Equal("a session", Unprotect(rotated, token));
        }
    }

    [Fact]
    public void AWrongPasswordOrAMissingFileStopsTheStartNamingTheSetting()
    {
        var certificate = Certificate("site", "secret pass");

        using (var wrong = Forum("wrong.db", certificate, "not the password"))
        {
            var error = Assert.ThrowsAny<InvalidOperationException>(() => wrong.Server);
            Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        }
        using (var missing = Forum("missing.db", Path.Combine(folder, "nowhere.pfx")))
        {
            var error = Assert.ThrowsAny<InvalidOperationException>(() => missing.Server);
            Assert.Contains("nowhere.pfx", error.Message, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(folder, "wrong.db")), "nothing was touched before the settings were found wrong");
    }
}
