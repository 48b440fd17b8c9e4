using RipTide.Api.Fetching;

namespace RipTide.Tests.Unit;

/// <summary>A client's request headers: what may be sent, where, and how the cache tells them apart.</summary>
public sealed class RequestHeadersTests
{
    private static RequestHeaders Create(Dictionary<string, string> headers)
    {
        Assert.True(RequestHeaders.TryCreate(headers, "options.headers", out var parsed, out var problem), problem);
        return parsed!;
    }

    [Fact]
    public void Cookies_authorization_and_a_user_agent_of_ones_own_may_be_sent()
    {
        var headers = Create(new() { ["Cookie"] = "session=abc", ["Authorization"] = "Bearer t", ["User-Agent"] = "Agent/1.0", ["X-Custom_1"] = "a\tb" });

        Assert.Equal(["Authorization", "Cookie", "User-Agent", "X-Custom_1"], headers.All.Select(header => header.Key));
    }

    public static TheoryData<Dictionary<string, string>, string> Refused => new()
    {
        { new() { ["Host"] = "internal.example" }, "Host is set by the crawler" },
        { new() { ["content-length"] = "5" }, "content-length is set by the crawler" },
        { new() { ["Accept-Encoding"] = "br" }, "Accept-Encoding is set by the crawler" },
        { new() { ["Range"] = "bytes=0-10" }, "Range is set by the crawler" },
        { new() { ["Transfer-Encoding"] = "chunked" }, "Transfer-Encoding is set by the crawler" },
        { new() { ["Proxy-Authorization"] = "Basic x" }, "Proxy-Authorization is set by the crawler" },
        { new() { ["Content-Language"] = "en" }, "a page's request has none" },
        { new() { ["Bad Name"] = "x" }, "'Bad Name' is not a header name" },
        { new() { ["X:Colon"] = "x" }, "is not a header name" },
        { new() { [""] = "x" }, "is not a header name" },
        { new() { ["X-Split"] = "a\r\nInjected: yes" }, "options.headers.X-Split must be one line of text" },
        { new() { ["X-Nul"] = "a\0b" }, "must be one line of text" },
        { new() { ["Cookie"] = "name=José" }, "options.headers.Cookie must be ASCII" },
        { new() { ["Cookie"] = "a", ["cookie"] = "b" }, "names a header twice" },
        { Enumerable.Range(0, 21).ToDictionary(i => $"X-{i}", i => "v"), "at most 20 headers" },
        { new() { ["X-Big"] = new string('v', 9000) }, "8192 characters in all" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Headers_the_crawler_owns_and_malformed_ones_are_refused(Dictionary<string, string> headers, string expected)
    {
        Assert.False(RequestHeaders.TryCreate(headers, "options.headers", out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_key_tells_headers_apart_without_carrying_their_values()
    {
        var a = Create(new() { ["Cookie"] = "session=secret-a", ["User-Agent"] = "Agent" });
        var reordered = Create(new() { ["User-Agent"] = "Agent", ["Cookie"] = "session=secret-a" });
        var b = Create(new() { ["Cookie"] = "session=secret-b", ["User-Agent"] = "Agent" });

        Assert.Equal(a.Fingerprint(), reordered.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), b.Fingerprint());
        Assert.DoesNotContain("secret", a.Fingerprint(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example/cart", true)]
    [InlineData("https://SHOP.example:443/other?x=1", true)]
    [InlineData("http://shop.example/cart", false)]
    [InlineData("https://shop.example:8443/cart", false)]
    [InlineData("https://tracker.example/pixel", false)]
    public void Headers_go_only_to_the_pages_own_origin(string target, bool sent)
    {
        var headers = Create(new() { ["Cookie"] = "session=abc" });
        using var request = new HttpRequestMessage(HttpMethod.Get, target);

        headers.ApplyTo(request, new Uri("https://shop.example/start"));

        Assert.Equal(sent, request.Headers.Contains("Cookie"));
    }
}
