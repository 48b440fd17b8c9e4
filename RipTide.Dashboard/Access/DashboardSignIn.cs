using System.Buffers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using RipTide.Access;
using RipTide.Dashboard.Gateway;

namespace RipTide.Dashboard.Access;

/// <summary>
/// Signs operators in with one of the gateway's admin keys. The cookie carries the key's digest, and every
/// request checks it against the keys of this run, so removing a key from the configuration ends the
/// sessions it opened at the next restart instead of when their cookies expire.
/// </summary>
public sealed class DashboardSignIn(IOptions<GatewayAccessOptions> gateway)
{
    public const string KeyDigestClaim = "riptide:key_digest";

    private readonly KeySet _adminKeys = KeySet.From(gateway.Value.Key);

    /// <summary>False when the gateway has API keys but no admin key: nobody can sign in.</summary>
    public bool CanSignIn => !_adminKeys.IsEmpty;

    /// <summary>The principal for a presented key, or null when it is not an admin key.</summary>
    public ClaimsPrincipal? SignIn(string? presented)
    {
        if (presented is not { Length: > 0 and <= KeySet.MaxKeyLength })
        {
            return null;
        }

        var digest = KeySet.Digest(presented);
        if (!_adminKeys.ContainsDigest(digest))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin"), new Claim(KeyDigestClaim, Convert.ToHexStringLower(digest))],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    public bool IsCurrent(ClaimsPrincipal? principal)
    {
        var digest = new byte[32];
        return principal?.FindFirst(KeyDigestClaim)?.Value is { Length: 64 } hex
            && Convert.FromHexString(hex, digest, out _, out _) == OperationStatus.Done
            && _adminKeys.ContainsDigest(digest);
    }
}
