using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using RipTide.Contracts.Crawling;
using static RipTide.Tests.Integration.Gateway.GatewayHarness;

namespace RipTide.Tests.Integration.Gateway;

/// <summary>
/// Issue 19, items 5, 6, 9 and 11 at the gateway itself: headers that steer the Api pass only from admin keys,
/// the caller header is always the gateway's own, oversized crawl bodies are 413 before the Api sees them,
/// other methods get 405, and a gateway without keys says at start that it is open.
/// </summary>
public sealed class GatewayInternalHeadersTests
{
    private static readonly (string, string)[] BothKinds =
    [
        ("RipTide:Gateway:Access:ApiKeys", ClientKey),
        ("RipTide:Gateway:Access:AdminKeys", AdminKey),
    ];

    [Theory]
    [InlineData(null, false)]
    [InlineData(ClientKey, false)]
    [InlineData(AdminKey, true)]
    public async Task The_warming_header_passes_only_from_an_admin_key(string? key, bool passes)
    {
        await using var gateway = await StartAsync(key is null ? [] : BothKinds);
        using var client = gateway.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        client.DefaultRequestHeaders.Add(CrawlHeaders.CacheWarming, "true");
        client.DefaultRequestHeaders.Add(CrawlHeaders.Caller, "key:someone-else");

        using var response = await client.PostAsync("/crawl", null);
        var echo = await Echo.ReadAsync(response);

        Assert.Equal(passes ? "true" : null, echo.Header(CrawlHeaders.CacheWarming));
        var caller = echo.Header(CrawlHeaders.Caller);
        Assert.NotNull(caller);
        Assert.NotEqual("key:someone-else", caller);
        Assert.StartsWith(key is null ? "net:" : "key:", caller, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/crawl")]
    [InlineData("/crawl/stream")]
    [InlineData("/admin/cache/warm")]
    public async Task A_chunked_crawl_body_over_the_crawl_limit_gets_413_and_never_reaches_the_api(string path)
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var content = new StreamContent(new MemoryStream(new byte[1536 * 1024]));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.TransferEncodingChunked = true;
            try
            {
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // The gateway answers 413 and closes while the chunked upload may still be going: the client then
                // sees its upload fail (broken pipe) instead of the answer, as with any server that refuses early.
            }
        }

        Assert.True(statuses.Count >= 4, $"only {statuses.Count} of 8 attempts got an answer");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status));
    }

    [Fact]
    public async Task Extract_keeps_the_larger_body_limit()
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client();

        using var response = await client.PostAsync("/extract", new ByteArrayContent(new byte[1536 * 1024]));
        var echo = await Echo.ReadAsync(response);

        Assert.Equal(1536 * 1024, echo.BodyBytes);
    }

    [Theory]
    [InlineData("CONNECT")]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Other_methods_get_405_with_allow(string method)
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client();

        using var request = new HttpRequestMessage(new HttpMethod(method), "/health");
        if (method == "CONNECT")
        {
            // A CONNECT names its target in Host (the request line's authority form).
            request.Headers.Host = gateway.Address.Authority;
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST, DELETE", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Without_keys_the_gateway_warns_at_start_that_everything_is_open_and_with_keys_it_does_not()
    {
        var open = new CollectingLogs();
        var closed = new CollectingLogs();

        await using (await StartAsync(open))
        {
        }

        await using (await StartAsync(closed, BothKinds))
        {
        }

        Assert.Contains(open.Lines, line => line.Level == LogLevel.Warning && line.Text.Contains("admin routes", StringComparison.Ordinal));
        Assert.DoesNotContain(closed.Lines, line => line.Text.Contains("No API or admin keys", StringComparison.Ordinal));
    }

    /// <summary>Keeps every log line, for tests that check what was said.</summary>
    private sealed class CollectingLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
