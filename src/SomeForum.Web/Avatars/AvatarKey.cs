using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace SomeForum.Web.Avatars;

/// <summary>
/// The secret that keys <see cref="AvatarToken"/>: derived (HKDF-SHA256) from the master key of the
/// oldest data-protection key, which this app keeps in its database next to everything else. It is
/// never shown, never leaves the process, and stays the same for as long as that key ring lives, so an
/// email keeps its picture. The first use creates the key ring if it is still empty.
/// </summary>
public sealed class AvatarKey(IKeyManager keys, IDataProtectionProvider protection)
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("SomeForum avatars v1");

    private readonly Lock gate = new();
    private byte[]? key;

    /// <summary>The key, derived on first use and kept for the life of the process (a failure is retried next time).</summary>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            if (Volatile.Read(ref key) is { } known) return known;
            lock (gate)
            {
                return key ??= Derive(keys, protection);
            }
        }
    }

    private static byte[] Derive(IKeyManager keys, IDataProtectionProvider protection)
    {
        var root = Oldest(keys);
        if (root is null)
        {
            // An empty key ring: protecting anything makes data protection create its first key.
            protection.CreateProtector("SomeForum.Avatars").Protect([0]);
            root = Oldest(keys) ?? throw new InvalidOperationException("Data protection created no key: avatars cannot be keyed.");
        }
        var descriptor = root.Descriptor.ExportToXml().SerializedDescriptorElement;
        // The descriptor's <masterKey><value> is the key material; were it ever shaped otherwise, the
        // whole descriptor (which holds the secret) keys the derivation just as well.
        var material = descriptor.Descendants("value").FirstOrDefault()?.Value is { Length: > 0 } encoded
            ? Convert.FromBase64String(encoded)
            : Encoding.UTF8.GetBytes(descriptor.ToString());
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, root.KeyId.ToByteArray(), Info);
    }

    private static IKey? Oldest(IKeyManager keys) =>
        keys.GetAllKeys().Where(k => !k.IsRevoked).OrderBy(k => k.CreationDate).ThenBy(k => k.KeyId).FirstOrDefault();
}
