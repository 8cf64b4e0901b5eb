using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SomeForum.Web.Data;

/// <summary>
/// PostgreSQL advisory locks named by a class and a text, as the two-integer form pg_advisory_xact_lock(int, int):
/// that key space never meets the one-bigint form the post locks use. The text is hashed here, not by the server,
/// so a caller that takes several locks can take them in one order everywhere (no deadlock between two of them).
/// Two texts may share a hash; they then only wait for each other more than they need.
/// </summary>
public static class AdvisoryKey
{
    /// <summary>A comment writer's client (an account or an address), for the flood check.</summary>
    public const int CommentClient = 0x5346_0001;

    /// <summary>A pingback rate limit key (a caller or a source host).</summary>
    public const int PingbackPermit = 0x5346_0002;

    public static int Of(string text) =>
        BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)))));
}
