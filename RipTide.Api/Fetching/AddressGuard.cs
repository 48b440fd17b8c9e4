using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;

namespace RipTide.Api.Fetching;

/// <summary>
/// Decides whether the crawler may connect to an address. Loopback, private, link-local (and so cloud
/// metadata), CGNAT, documentation, benchmarking, multicast, reserved and unspecified ranges are refused,
/// in IPv4 and IPv6; IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address they carry.
/// Networks listed in <see cref="FetchOptions.AllowedNetworks"/> are exempt.
/// </summary>
public sealed class AddressGuard(IOptions<FetchOptions> options)
{
    private static readonly IPNetwork[] BlockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] BlockedV6 =
    [
        // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible addresses
        // (::a.b.c.d), which some stacks still route to the IPv4 address they carry.
        IPNetwork.Parse("::/96"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"), IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IPNetwork[] _allowed = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n))];

    public bool IsAllowed(IPAddress address)
    {
        if (_allowed.Any(network => network.Contains(address)))
        {
            return true;
        }

        var effective = Unwrap(address);
        if (!ReferenceEquals(effective, address) && _allowed.Any(network => network.Contains(effective)))
        {
            return true;
        }

        return IsPublic(effective);
    }

    /// <summary>Whether the address is in no refused range, ignoring the allow-list.</summary>
    public static bool IsPublic(IPAddress address)
    {
        var effective = Unwrap(address);
        var blocked = effective.AddressFamily == AddressFamily.InterNetwork ? BlockedV4 : BlockedV6;
        return !blocked.Any(network => network.Contains(effective));
    }

    /// <summary>The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address; otherwise the address itself.</summary>
    private static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }
}
