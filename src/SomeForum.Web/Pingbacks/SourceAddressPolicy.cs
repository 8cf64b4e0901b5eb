using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Pingbacks;

/// <summary>The address of a source could not be used: it is not public, or the name does not resolve to a public address.</summary>
public sealed class SourceAddressRefusedException : Exception
{
    public SourceAddressRefusedException()
        : base("The source's address is not a public one.")
    {
    }

    public SourceAddressRefusedException(string message)
        : base(message)
    {
    }

    public SourceAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Where a source fetch may connect. Used as the fetcher's connect callback, it judges the address
/// actually connected to, after name resolution, on every connection (redirects included), and
/// connects to exactly the address it judged, so a name that resolves differently a moment later
/// (DNS rebinding) gains nothing.
/// </summary>
public class SourceAddressPolicy(IOptionsMonitor<PingbackOptions> options)
{
    public virtual bool IsAllowed(IPAddress address) =>
        options.CurrentValue.AllowPrivateAddresses || AddressRules.IsPublic(address);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0) throw new SourceAddressRefusedException();

        SocketException? failure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failure!;
    }
}
