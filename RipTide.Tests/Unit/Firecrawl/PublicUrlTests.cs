using Microsoft.AspNetCore.Http;
using RipTide.Api.Firecrawl;

namespace RipTide.Tests.Unit.Firecrawl;

public sealed class PublicUrlTests
{
    private static DefaultHttpContext Request(string? forwardedHost, string? forwardedProto)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("api-copy", 5123);
        if (forwardedHost is not null)
        {
            context.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        }

        if (forwardedProto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        return context;
    }

    [Theory]
    [InlineData("crawler.example:8080", "https", "https://crawler.example:8080/v2/crawl/1")]
    [InlineData(null, null, "http://api-copy:5123/v2/crawl/1")]
    [InlineData("bad host/<script>", "javascript", "http://api-copy:5123/v2/crawl/1")]
    [InlineData("crawler.example:443", "https", "https://crawler.example:443/v2/crawl/1")]
    [InlineData("crawler.example:port", "https", "https://api-copy:5123/v2/crawl/1")]
    [InlineData("user@crawler.example", "https", "https://api-copy:5123/v2/crawl/1")]
    [InlineData("crawler.example/evil?x=", "https", "https://api-copy:5123/v2/crawl/1")]
    [InlineData("[::1]:8080, proxy.example", "http", "http://[::1]:8080/v2/crawl/1")]
    public void Urls_point_at_the_gateway_a_client_called_and_nothing_else(string? host, string? proto, string expected)
    {
        Assert.Equal(expected, PublicUrl.Of(Request(host, proto), "/v2/crawl/1"));
    }
}
