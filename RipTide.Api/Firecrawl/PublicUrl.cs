namespace RipTide.Api.Firecrawl;

/// <summary>
/// An absolute URL on the public side of the gateway, as Firecrawl's answers carry them (<c>url</c>, <c>next</c>):
/// the gateway sets X-Forwarded-Proto and X-Forwarded-Host on everything it forwards. A value that is not a
/// plain scheme or host falls back to this server's own, so nothing a client sends can shape the URL beyond its host.
/// </summary>
public static class PublicUrl
{
    public static string Of(HttpContext context, string pathAndQuery)
    {
        var request = context.Request;
        var scheme = request.Headers["X-Forwarded-Proto"].ToString() is "http" or "https" ? request.Headers["X-Forwarded-Proto"].ToString() : request.Scheme;
        var forwardedHost = new HostString(request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim());
        var host = forwardedHost.HasValue && Uri.CheckHostName(forwardedHost.Host) != UriHostNameType.Unknown ? forwardedHost : request.Host;
        return $"{scheme}://{host.ToUriComponent()}{pathAndQuery}";
    }
}
