using System.Net;
using System.Net.Sockets;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Who is asking: the role and id of the key presented (if any) and the client's address as a rate-limit
/// partition. An IPv6 client is its /64, since one host usually holds a whole /64 and could otherwise
/// rotate through addresses to escape its limit.
/// </summary>
public sealed record ClientIdentity(ClientRole Role, string? KeyId, string Network, bool PresentedKey)
{
    public static ClientIdentity Of(HttpContext context) =>
        context.Features.Get<ClientIdentity>() ?? throw new InvalidOperationException("The client identity is set by ClientIdentityMiddleware.");

    public static string NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
