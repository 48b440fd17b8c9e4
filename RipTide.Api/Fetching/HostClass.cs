using System.Net;
using RipTide.Net;

namespace RipTide.Api.Fetching;

/// <summary>
/// A low-cardinality label for fetch metrics: <c>loopback</c>, <c>private</c> (an IP literal in a
/// non-public range, reachable only through the allow-list) or <c>public</c>. Host names are never metric tags.
/// </summary>
public static class HostClass
{
    public const string Loopback = "loopback";
    public const string Private = "private";
    public const string Public = "public";

    public static string Of(Uri url)
    {
        if (url.IsLoopback)
        {
            return Loopback;
        }

        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && !AddressGuard.IsPublic(address) ? Private : Public;
    }
}
