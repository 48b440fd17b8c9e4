using Microsoft.AspNetCore.Http;

namespace RipTide.Access;

/// <summary>The token of an <c>Authorization: Bearer …</c> header, the way every RipTide key is presented.</summary>
public static class BearerToken
{
    private const string Prefix = "Bearer ";

    public static string? From(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? authorization[Prefix.Length..].Trim() : null;
    }
}
