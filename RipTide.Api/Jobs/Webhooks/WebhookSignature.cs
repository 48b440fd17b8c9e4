using System.Security.Cryptography;
using System.Text;

namespace RipTide.Api.Jobs.Webhooks;

/// <summary>
/// <c>X-RipTide-Signature: t={unix seconds},v1={hex HMAC-SHA256}</c> over <c>"{t}.{body}"</c> with the server's
/// webhook secret. A receiver recomputes it, compares in constant time and refuses old timestamps (replays);
/// docs/JOBS.md shows how.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-RipTide-Signature";

    public static string Create(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    /// <summary>True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        string? v1 = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t" && long.TryParse(pair[1], out var t))
            {
                timestamp = t;
            }
            else if (pair[0].Trim() == "v1")
            {
                v1 = pair[1].Trim();
            }
        }

        if (timestamp is not { } at || v1 is null || Math.Abs(now.ToUnixTimeSeconds() - at) > tolerance.TotalSeconds)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, at, body));
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
