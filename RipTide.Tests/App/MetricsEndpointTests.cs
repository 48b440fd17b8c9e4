using Aspire.Hosting.Testing;
using RipTide.Contracts;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class MetricsEndpointTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Every_service_exposes_its_instruments_in_prometheus_format()
    {
        for (var i = 0; i < AppHostFixture.ApiReplicas * 2; i++)
        {
            await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"));
        }

        using var api = fixture.App.CreateHttpClient(ResourceNames.ApiCopy(0));
        using var extractor = fixture.App.CreateHttpClient(ResourceNames.Extractor);
        var apiMetrics = await api.GetStringAsync("/metrics");
        var extractorMetrics = await extractor.GetStringAsync("/metrics");
        var gatewayMetrics = await fixture.Gateway.GetStringAsync("/metrics");

        Assert.Contains("riptide_crawl_urls", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_api_requests", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_cache_lookups", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_gate_decisions", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("decision=\"raw\"", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_fetch_bytes", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("host_class=\"loopback\"", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_fetch_duration", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_fetch_connections_open", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_extraction_count", extractorMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_wasm_pool_in_use", extractorMetrics, StringComparison.Ordinal);
        Assert.Contains("riptide_wasm_pool_recycles", extractorMetrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", gatewayMetrics, StringComparison.Ordinal);
    }
}
