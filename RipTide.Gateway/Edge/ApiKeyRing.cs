using System.Security.Cryptography;
using System.Text;
using RipTide.Gateway.Options;
using RipTide.ServiceDefaults.Http;

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
/// The configured keys, held only as SHA-256 digests. A presented key is hashed and compared with every
/// digest in constant time (no early exit, equal lengths), so response timing says nothing about how much
/// of a guess was right. A key's id (a short digest prefix) is what logs and rate-limit partitions see.
/// </summary>
public sealed class ApiKeyRing
{
    public const int MinKeyLength = 16;
    public const int MaxKeyLength = 256;

    private readonly (byte[] Digest, ClientRole Role)[] _keys;

    public ApiKeyRing(AccessOptions options)
    {
        _keys =
        [
            .. KeyList.Split(options.ApiKeys).Select(key => (Digest(key), ClientRole.Client)),
            .. KeyList.Split(options.AdminKeys).Select(key => (Digest(key), ClientRole.Admin)),
        ];
        HasAdminKeys = _keys.Any(key => key.Role == ClientRole.Admin);
    }

    /// <summary>False when no key is configured: the gateway is open.</summary>
    public bool IsEnabled => _keys.Length > 0;

    public bool HasAdminKeys { get; }

    /// <summary>The role a presented key grants and its id; <see cref="ClientRole.Anonymous"/> for no or an unknown key.</summary>
    public (ClientRole Role, string? KeyId) Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength)
        {
            return (ClientRole.Anonymous, null);
        }

        var digest = Digest(presented);
        var role = ClientRole.Anonymous;
        foreach (var key in _keys)
        {
            // Every digest is compared, matched or not; an admin match wins over a client match of the same key.
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest) && key.Role > role)
            {
                role = key.Role;
            }
        }

        return role == ClientRole.Anonymous ? (role, null) : (role, IdOf(digest));
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string IdOf(byte[] digest) => "key-" + Convert.ToHexStringLower(digest, 0, 4);
}
