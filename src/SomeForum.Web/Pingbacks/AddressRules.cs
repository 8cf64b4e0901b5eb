using System.Net;
using System.Net.Sockets;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// Which addresses a source fetch may connect to: public unicast only. Loopback, private, link-local
/// (cloud metadata lives there), CGNAT, multicast, documentation, benchmarking, reserved and
/// unspecified ranges are refused, for IPv4 and IPv6 alike, and IPv6 forms that carry an IPv4
/// address (mapped, compatible, 6to4, NAT64) are judged by the address they carry or refused.
/// </summary>
public static class AddressRules
{
    private static readonly (IPAddress Network, int Prefix)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network", unspecified
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT (and some clouds' metadata)
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata 169.254.169.254
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),     // documentation
        (IPAddress.Parse("192.88.99.0"), 24),   // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),  // documentation
        (IPAddress.Parse("203.0.113.0"), 24),   // documentation
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Prefix)[] RefusedV6 =
    [
        (IPAddress.Parse("2001::"), 23),        // IETF protocol assignments, Teredo
        (IPAddress.Parse("2001:db8::"), 32),    // documentation
        (IPAddress.Parse("3fff::"), 20),        // documentation
    ];

    private static readonly IPAddress GlobalUnicast = IPAddress.Parse("2000::");
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return !RefusedV4.Any(r => InRange(address, r.Network, r.Prefix));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;

        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        // 6to4 carries an IPv4 address in bits 16..47: judge that one.
        if (InRange(address, SixToFour, 16))
        {
            var bytes = address.GetAddressBytes();
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }
        // Everything public in IPv6 is inside 2000::/3; this leaves out ::1, ::, IPv4-compatible ::a.b.c.d,
        // NAT64 64:ff9b::/96, unique local fc00::/7, link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8.
        return InRange(address, GlobalUnicast, 3) && !RefusedV6.Any(r => InRange(address, r.Network, r.Prefix));
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        network.TryWriteBytes(n, out _);
        for (var i = 0; i < length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }
}
