using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Net;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Integration;

/// <summary>
/// The fetcher as production configures it (no network exempt from the address guard) against a real
/// server on 127.0.0.1: every way of spelling an internal address is refused before a connection is made,
/// and so is a redirect into one. Each row is a trick a hostile client could try.
/// </summary>
public sealed class SsrfTableTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private LocalTestSite? _site;
    private WebApplication? _exempt;

    private int Port => _site!.BaseAddress.Port;

    public async Task InitializeAsync()
    {
        _site = await LocalTestSite.StartAsync(CancellationToken.None);
        // A "public" origin for the redirect row: 127.0.0.2, exempted in that row's fetcher only.
        var builder = WebApplication.CreateSlimBuilder();
        // Same port as the guarded site, so a name listing both addresses reaches one or the other by address alone.
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.2:{Port}");
        builder.Logging.ClearProviders();
        _exempt = builder.Build();
        _exempt.MapGet("/to-loopback", () => Results.Redirect($"http://127.0.0.1:{Port}/articles/x"));
        _exempt.MapGet("/to-localhost", () => Results.Redirect($"http://localhost:{Port}/articles/x"));
        _exempt.MapGet("/articles/{slug}", (string slug) => Results.Content(TestPages.Article(slug), "text/html"));
        await _exempt.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_exempt is not null)
        {
            await _exempt.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/articles/x", "dotted loopback")]
    [InlineData("http://2130706433:{port}/articles/x", "decimal IPv4")]
    [InlineData("http://0x7f000001:{port}/articles/x", "hex IPv4")]
    [InlineData("http://0x7f.0.0.1:{port}/articles/x", "hex first octet")]
    [InlineData("http://0177.0.0.1:{port}/articles/x", "octal first octet")]
    [InlineData("http://017700000001:{port}/articles/x", "octal IPv4")]
    [InlineData("http://127.1:{port}/articles/x", "short dotted form")]
    [InlineData("http://127.000.000.001:{port}/articles/x", "zero-padded octets")]
    [InlineData("http://0.0.0.0:{port}/articles/x", "the unspecified address")]
    [InlineData("http://0:{port}/articles/x", "zero as a whole address")]
    [InlineData("http://[::1]:{port}/articles/x", "IPv6 loopback")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:{port}/articles/x", "IPv6 loopback, long form")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/articles/x", "IPv4-mapped IPv6")]
    [InlineData("http://[::ffff:7f00:1]:{port}/articles/x", "IPv4-mapped IPv6 in hex")]
    [InlineData("http://[::127.0.0.1]:{port}/articles/x", "IPv4-compatible IPv6")]
    [InlineData("http://[64:ff9b::7f00:1]:{port}/articles/x", "NAT64 prefix around loopback")]
    [InlineData("http://localhost:{port}/articles/x", "a name that resolves to loopback")]
    [InlineData("http://user:secret@127.0.0.1:{port}/articles/x", "userinfo before a loopback host")]
    [InlineData("http://example.com@127.0.0.1:{port}/articles/x", "a public name as userinfo")]
    [InlineData("http://localhost:6379/", "an internal name on a non-default port (Redis)")]
    [InlineData("http://127.0.0.1:22/", "loopback SSH port")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata over IPv6")]
    [InlineData("http://10.0.0.1:8080/", "private 10/8")]
    [InlineData("http://172.16.0.1/", "private 172.16/12")]
    [InlineData("http://192.168.0.1/", "private 192.168/16")]
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    [InlineData("http://[fe80::1]/", "IPv6 link-local")]
    public async Task Internal_addresses_are_refused_however_they_are_written(string template, string trick)
    {
        using var fetcher = Fetcher();
        var url = new Uri(template.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var outcome = await fetcher.TryFetchAsync(url, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(outcome.Succeeded, trick);
        Assert.Equal(CrawlErrorTypes.BlockedAddress, outcome.Error?.Type);
        Assert.Empty(_site!.Arrivals("/articles/"));
    }

    [Fact]
    public async Task A_loopback_name_spelled_fully_qualified_is_not_reached_either()
    {
        using var fetcher = Fetcher();

        var outcome = await fetcher.TryFetchAsync(new Uri($"http://LOCALHOST.:{Port}/articles/x"), TimeSpan.FromSeconds(10), CancellationToken.None);

        // Where the resolver answers for "localhost." the guard refuses the address; where it does not, the
        // name fails to resolve. Either way nothing is fetched.
        Assert.Contains(outcome.Error?.Type, new[] { CrawlErrorTypes.BlockedAddress, CrawlErrorTypes.DnsError });
        Assert.Empty(_site!.Arrivals("/articles/"));
    }

    [Theory]
    [InlineData("/to-loopback")]
    [InlineData("/to-localhost")]
    public async Task A_redirect_from_an_allowed_host_into_an_internal_one_is_refused(string path)
    {
        using var fetcher = Fetcher("127.0.0.2/32");
        var exempt = new Uri(_exempt!.Urls.Single());

        var direct = await fetcher.TryFetchAsync(new Uri(exempt, "/articles/fine"), TimeSpan.FromSeconds(10), CancellationToken.None);
        var redirected = await fetcher.TryFetchAsync(new Uri(exempt, path), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(direct.Succeeded); // the exempt origin itself is reachable: the refusal is the second hop's
        Assert.Equal(CrawlErrorTypes.BlockedAddress, redirected.Error?.Type);
        Assert.Empty(_site!.Arrivals("/articles/"));
    }

    [Theory]
    [InlineData("loopback.attacker.example", "127.0.0.1", "a public-looking name pointing at loopback")]
    [InlineData("ten.attacker.example", "10.0.0.1", "a name pointing into 10/8")]
    [InlineData("metadata.attacker.example", "169.254.169.254", "a name pointing at the metadata service")]
    [InlineData("v6.attacker.example", "::1", "a name with an IPv6 loopback AAAA record")]
    [InlineData("mapped.attacker.example", "::ffff:127.0.0.1", "a name with an IPv4-mapped AAAA record")]
    [InlineData("several.attacker.example", "10.1.1.1,127.0.0.1,192.168.1.1", "a name whose every address is internal")]
    public async Task Names_that_resolve_to_internal_addresses_are_refused(string host, string addresses, string trick)
    {
        var resolver = new TableResolver { [host] = [.. addresses.Split(',').Select(IPAddress.Parse)] };
        using var fetcher = Fetcher(resolver);

        var outcome = await fetcher.TryFetchAsync(new Uri($"http://{host}:{Port}/articles/x"), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(CrawlErrorTypes.BlockedAddress == outcome.Error?.Type, $"{trick}: {outcome.Error?.Type}");
        Assert.Empty(_site!.Arrivals("/articles/"));
    }

    [Fact]
    public async Task A_name_with_an_allowed_and_an_internal_address_is_fetched_from_the_allowed_one_only()
    {
        // 127.0.0.2 plays the public host; the name lists loopback first, where the guarded test site listens
        // on the same port and would record the request.
        var resolver = new TableResolver { ["split.attacker.example"] = [IPAddress.Loopback, IPAddress.Parse("127.0.0.2")] };
        using var fetcher = Fetcher(resolver, "127.0.0.2/32");

        var outcome = await fetcher.TryFetchAsync(new Uri($"http://split.attacker.example:{Port}/articles/split"), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Empty(_site!.Arrivals("/articles/"));
    }

    private PageFetcher Fetcher(params string[] allowedNetworks) => Fetcher(new SystemHostResolver(), allowedNetworks);

    private PageFetcher Fetcher(IHostResolver resolver, params string[] allowedNetworks)
    {
        var options = new FetchOptions();
        foreach (var network in allowedNetworks)
        {
            options.AllowedNetworks.Add(network);
        }

        return ProductionFetcher.Create(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), options, resolver);
    }

    /// <summary>A resolver with made-up records, as an attacker's DNS server would answer.</summary>
    private sealed class TableResolver : Dictionary<string, IPAddress[]>, IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(TryGetValue(host, out var addresses) ? addresses : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
