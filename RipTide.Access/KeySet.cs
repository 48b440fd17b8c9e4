using System.Security.Cryptography;
using System.Text;

namespace RipTide.Access;

/// <summary>
/// A set of secret keys held only as SHA-256 digests. A presented key is hashed once and compared with
/// every digest in constant time (no early exit, equal lengths), so response timing says nothing about how
/// much of a guess was right. The gateway's API and admin keys, the dashboard's sign-in and its metrics hub
/// all check keys this way.
/// </summary>
public sealed class KeySet
{
    /// <summary>Longer presented keys are refused before hashing: no configured key is that long.</summary>
    public const int MaxKeyLength = 256;

    private readonly byte[][] _digests;

    private KeySet(byte[][] digests) => _digests = digests;

    /// <summary>The keys of a <see cref="KeyList"/> setting.</summary>
    public static KeySet From(string? keys) => new([.. KeyList.Split(keys).Select(Digest)]);

    public bool IsEmpty => _digests.Length == 0;

    public bool Contains(string? presented) => presented is { Length: > 0 and <= MaxKeyLength } && ContainsDigest(Digest(presented));

    /// <summary>For callers that test one presented key against several sets: hash it once with <see cref="Digest"/>.</summary>
    public bool ContainsDigest(byte[] digest)
    {
        var found = false;
        foreach (var known in _digests)
        {
            found |= CryptographicOperations.FixedTimeEquals(digest, known);
        }

        return found;
    }

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
