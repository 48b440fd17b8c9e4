namespace RipTide.Api.Firecrawl;

/// <summary>
/// An absolute URL on the public side of the gateway, as Firecrawl's answers carry them (<c>url</c>, <c>next</c>):
/// the gateway sets X-Forwarded-Proto and X-Forwarded-Host on everything it forwards. A value that is not a
/// plain scheme, or a plain host with an optional port, falls back to this server's own, so nothing a client sends
/// can shape the URL beyond its host.
/// </summary>
public static class PublicUrl
{
    public static string Of(HttpContext context, string pathAndQuery)
    {
        var request = context.Request;
        var scheme = request.Headers["X-Forwarded-Proto"].ToString() is "http" or "https" ? request.Headers["X-Forwarded-Proto"].ToString() : request.Scheme;
        var forwarded = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        var authority = forwarded.Length > 0
            && Uri.TryCreate($"{scheme}://{forwarded}/", UriKind.Absolute, out var parsed)
            && parsed.PathAndQuery == "/" && parsed.UserInfo.Length == 0 && parsed.Fragment.Length == 0
            // The whole value is the authority (a default port written out included), nothing more.
            && (string.Equals(parsed.Authority, forwarded, StringComparison.OrdinalIgnoreCase)
                || string.Equals($"{parsed.Authority}:{parsed.Port}", forwarded, StringComparison.OrdinalIgnoreCase))
                ? forwarded
                : request.Host.ToUriComponent();
        return $"{scheme}://{authority}{pathAndQuery}";
    }
}
