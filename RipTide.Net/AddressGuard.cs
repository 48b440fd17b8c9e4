using System.Net;
using System.Net.Sockets;

namespace RipTide.Net;

/// <summary>
/// Decides whether the crawler may connect to an address, and which address it then dials. Loopback,
/// private, link-local (and so cloud metadata), CGNAT, documentation, benchmarking, multicast, reserved and
/// unspecified ranges are refused, in IPv4 and IPv6. An IPv4-mapped address is dialled as the IPv4 address
/// it carries (that is what the socket does), so it is judged as that address. The IPv6 forms that carry an
/// IPv4 address to another network (NAT64) are refused when that address is internal; the rarer ones
/// (IPv4-compatible, local-use NAT64, 6to4, Teredo) are refused outright. Networks listed in
/// <c>allowedNetworks</c> (CIDR ranges, from each service's configuration) exempt exactly the addresses dialled: allowing 127.0.0.1
/// never allows <c>64:ff9b::7f00:1</c>, which a NAT64 gateway would carry off the machine.
/// </summary>
public sealed class AddressGuard(IEnumerable<string> allowedNetworks)
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
        IPNetwork.Parse("::/96"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("2001::/32"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"), IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IPNetwork[] _allowed = [.. allowedNetworks.Select(n => IPNetwork.Parse(n))];

    /// <summary>The address to dial for <paramref name="address"/>, or null when it is refused.</summary>
    public IPAddress? Approve(IPAddress address)
    {
        var dialled = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowed.Any(network => network.Contains(dialled)) || IsPublic(dialled) ? dialled : null;
    }

    public bool IsAllowed(IPAddress address) => Approve(address) is not null;

    /// <summary>Whether the address is in no refused range, ignoring the allow-list.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !BlockedV4.Any(network => network.Contains(address));
        }

        if (BlockedV6.Any(network => network.Contains(address)))
        {
            return false;
        }

        // A NAT64 gateway carries this to the IPv4 address in its last four bytes: judged by that too.
        return !Nat64.Contains(address) || IsPublic(new IPAddress(address.GetAddressBytes().AsSpan(12, 4)));
    }
}
