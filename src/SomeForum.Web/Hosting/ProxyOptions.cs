using System.ComponentModel.DataAnnotations;
using System.Net;

namespace SomeForum.Web.Hosting;

/// <summary>
/// <c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownNetworks</c>: the reverse proxies whose
/// X-Forwarded-For and X-Forwarded-Proto are believed. Empty by default: nobody's are.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses, such as 127.0.0.1 for nginx on the same machine, or 10.0.0.5.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation, such as 10.0.0.0/24, for proxies whose addresses change.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsAny => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<System.Net.IPNetwork> Networks() => KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownProxies)}:{i} '{KnownProxies[i]}' is not an IP address (such as 127.0.0.1 or 10.0.0.5).",
                    [nameof(KnownProxies)]);
            }
        }
        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownNetworks)}:{i} '{KnownNetworks[i]}' is not a network in CIDR notation (such as 10.0.0.0/24 or fd00::/8).",
                    [nameof(KnownNetworks)]);
            }
        }
    }
}
