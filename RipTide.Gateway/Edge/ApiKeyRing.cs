using RipTide.Access;
using RipTide.Gateway.Options;

namespace RipTide.Gateway.Edge;

/// <summary>What a presented key allows.</summary>
public enum ClientRole
{
    /// <summary>No key, or one that matches nothing.</summary>
    Anonymous,

    /// <summary>An API key: crawl and extract.</summary>
    Client,

    /// <summary>An admin key: everything, including /admin/* and /metrics.</summary>
    Admin,
}

/// <summary>
/// The configured keys as two <see cref="KeySet"/>s (digests only, compared in constant time). A key's id
/// (a short digest prefix) is what logs and rate-limit partitions see.
/// </summary>
public sealed class ApiKeyRing
{
    public const int MinKeyLength = 16;
    public const int MaxKeyLength = KeySet.MaxKeyLength;

    private readonly KeySet _clients;
    private readonly KeySet _admins;

    public ApiKeyRing(AccessOptions options)
    {
        _clients = KeySet.From(options.ApiKeys);
        _admins = KeySet.From(options.AdminKeys);
    }

    /// <summary>False when no key is configured: the gateway is open.</summary>
    public bool IsEnabled => !_clients.IsEmpty || !_admins.IsEmpty;

    public bool HasAdminKeys => !_admins.IsEmpty;

    /// <summary>The role a presented key grants and its id; <see cref="ClientRole.Anonymous"/> for no or an unknown key.</summary>
    public (ClientRole Role, string? KeyId) Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength)
        {
            return (ClientRole.Anonymous, null);
        }

        var digest = KeySet.Digest(presented);
        // Both sets are always searched; an admin match wins over a client match of the same key.
        var isAdmin = _admins.ContainsDigest(digest);
        var isClient = _clients.ContainsDigest(digest);
        var role = isAdmin ? ClientRole.Admin : isClient ? ClientRole.Client : ClientRole.Anonymous;
        return role == ClientRole.Anonymous ? (role, null) : (role, IdOf(digest));
    }

    private static string IdOf(byte[] digest) => "key-" + Convert.ToHexStringLower(digest, 0, 4);
}
