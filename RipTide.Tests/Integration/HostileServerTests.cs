using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Integration;

/// <summary>
/// The production fetcher against servers that break HTTP on purpose: every one ends in a per-URL error of
/// the right kind, within the URL's deadline, with memory bounded by the body cap. Nothing hangs and nothing
/// throws.
/// </summary>
public sealed class HostileServerTests : IAsyncLifetime
{
    private const long BodyCap = 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private HostileServer? _server;
    private PageFetcher? _fetcher;

    public Task InitializeAsync()
    {
        _server = HostileServer.Start();
        var options = new FetchOptions { MaxBodyBytes = BodyCap };
        // The hostile server runs on loopback, which production refuses; only that network is let through.
        options.AllowedNetworks.Add("127.0.0.1/32");
        _fetcher = ProductionFetcher.Create(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), options);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _fetcher?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    [Theory]
    [InlineData("/hang-mid-body", CrawlErrorTypes.Timeout)]
    [InlineData("/slow-headers", CrawlErrorTypes.Timeout)]
    [InlineData("/endless-chunked", CrawlErrorTypes.TooLarge)]
    [InlineData("/endless-until-close", CrawlErrorTypes.TooLarge)]
    [InlineData("/gzip-bomb", CrawlErrorTypes.TooLarge)]
    [InlineData("/reset", CrawlErrorTypes.ConnectError)]
    [InlineData("/reset-mid-body", CrawlErrorTypes.ConnectError)]
    [InlineData("/invalid-chunked", CrawlErrorTypes.ConnectError)]
    [InlineData("/garbage", CrawlErrorTypes.ConnectError)]
    public async Task A_misbehaving_server_ends_in_a_per_url_error_within_the_deadline(string path, string expected)
    {
        var clock = Stopwatch.StartNew();

        var outcome = await _fetcher!.TryFetchAsync(_server!.Url(path), Deadline, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.True(expected == outcome.Error?.Type, $"{path}: expected {expected}, got {outcome.Error?.Type} ({outcome.Error?.Message})");
        Assert.True(outcome.BytesFetched <= BodyCap, $"{path}: read {outcome.BytesFetched} bytes past the cap");
        // The deadline plus scheduling slack on a loaded 2-core machine: the point is "not forever".
        Assert.True(clock.Elapsed < Deadline + TimeSpan.FromSeconds(8), $"{path} took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_dns_error()
    {
        var outcome = await _fetcher!.TryFetchAsync(new Uri("http://no-such-host.invalid/"), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(CrawlErrorTypes.DnsError, outcome.Error?.Type);
    }
}
