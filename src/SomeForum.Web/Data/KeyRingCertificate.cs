using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SomeForum.Web.Data;

/// <summary>
/// The certificate that encrypts the data-protection key ring where it is stored (the database): without it, whoever
/// reads the database or a backup of it can forge sign-in cookies. DataProtection:CertificatePath names a PKCS#12
/// (.pfx) file with its private key, DataProtection:CertificatePassword its password; certificates used before (still
/// needed to read keys they encrypted) go in DataProtection:EarlierCertificatePaths:0, :1, … with the same password.
/// A file that cannot be read stops the start, naming the setting.
/// </summary>
public static class KeyRingCertificate
{
    public const string Section = "DataProtection";

    public static X509Certificate2? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[$"{Section}:CertificatePath"];
        return string.IsNullOrWhiteSpace(path) ? null : Read(path, configuration, $"{Section}:CertificatePath");
    }

    public static IEnumerable<X509Certificate2> LoadEarlier(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection($"{Section}:EarlierCertificatePaths").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => Read(c.Value!, configuration, c.Path))
            .ToList();
    }

    private static X509Certificate2 Read(string path, IConfiguration configuration, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{setting} names {path}, which could not be read as a PKCS#12 certificate with DataProtection:CertificatePassword: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{setting} names {path}, a certificate without its private key: the key ring could be encrypted but never read back.");
        }
        return certificate;
    }
}
