using System.Diagnostics;
using RipTide.Access;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Reads the key (<c>Authorization: Bearer …</c> or <c>X-API-Key</c>) and the client's network, and records
/// them for the limits and the access policy that follow. The key headers are removed here: the Api copies
/// do not need them, and a secret that is not forwarded cannot leak from their logs.
/// </summary>
public sealed class ClientIdentityMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string KeyIdTag = "riptide.api_key_id";

    public Task InvokeAsync(HttpContext context)
    {
        var presented = PresentedKey(context.Request);
        context.Request.Headers.Authorization = default;
        context.Request.Headers.Remove(ApiKeyHeader);

        var (role, keyId) = keys.Match(presented);
        if (keyId is not null)
        {
            Activity.Current?.SetTag(KeyIdTag, keyId);
        }

        context.Features.Set(new ClientIdentity(role, keyId, ClientIdentity.NetworkOf(context.Connection.RemoteIpAddress), presented is not null));
        return next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (BearerToken.From(request) is { } bearer)
        {
            return bearer;
        }

        var header = request.Headers[ApiKeyHeader].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
