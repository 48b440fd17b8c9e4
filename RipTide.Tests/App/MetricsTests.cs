using System.Collections.Concurrent;
using RipTide.Contracts;
using RipTide.Contracts.Metrics;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class MetricsTests(AppHostFixture fixture)
{
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_signalr_client_receives_snapshots_from_every_api_copy_and_the_extractor()
    {
        var latest = new ConcurrentDictionary<string, MetricsSnapshot>();
        using var timeout = new CancellationTokenSource(SnapshotWait);
        await using var connection = await fixture.SubscribeToMetricsAsync(s => latest[s.Replica] = s, timeout.Token);

        string[] replicas = [.. AppHostFixture.ApiCopyNames, ResourceNames.Extractor];
        await WaitUntilAsync(() => replicas.All(latest.ContainsKey), timeout.Token);

        foreach (var replica in AppHostFixture.ApiCopyNames)
        {
            Assert.Equal(MetricsServices.Api, latest[replica].Service);
            Assert.True(latest[replica].WorkingSetBytes > 0);
            Assert.NotNull(latest[replica].GateDecisions);
            Assert.NotNull(latest[replica].FetchPool);
        }

        var extractor = latest[ResourceNames.Extractor];
        Assert.Equal(MetricsServices.Extractor, extractor.Service);
        Assert.True(extractor.WorkingSetBytes > 0);
        Assert.NotNull(extractor.Pool);
        Assert.True(extractor.Pool.PoolSize > 0);
        Assert.NotEmpty(extractor.Pool.SlotMemoryBytes);
    }

    [Fact]
    public async Task The_gateway_balances_requests_over_both_api_copies()
    {
        var latest = new ConcurrentDictionary<string, MetricsSnapshot>();
        using var timeout = new CancellationTokenSource(SnapshotWait);
        await using var connection = await fixture.SubscribeToMetricsAsync(s => latest[s.Replica] = s, timeout.Token);
        await WaitUntilAsync(() => AppHostFixture.ApiCopyNames.All(latest.ContainsKey), timeout.Token);
        var before = AppHostFixture.ApiCopyNames.ToDictionary(name => name, name => latest[name].Requests);

        for (var i = 0; i < 6; i++)
        {
            await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"));
        }

        // Wait until every request has shown up in some replica's snapshot; then each copy must have had a share.
        long Answered(string name) => latest[name].Requests - before[name];
        await WaitUntilAsync(() => AppHostFixture.ApiCopyNames.Sum(Answered) >= 6, timeout.Token);
        Assert.All(AppHostFixture.ApiCopyNames, name => Assert.True(Answered(name) >= 1, $"{name} answered none of the requests"));
    }

    [Fact]
    public async Task The_dashboard_home_page_lists_every_api_copy_and_the_total()
    {
        using var timeout = new CancellationTokenSource(SnapshotWait);
        string html;
        do
        {
            await Task.Delay(500, timeout.Token);
            html = await fixture.Dashboard.GetStringAsync("/", timeout.Token);
        }
        while (!AppHostFixture.ApiCopyNames.All(name => html.Contains($"data-replica=\"{name}\"", StringComparison.Ordinal)));

        Assert.Contains("data-replica=\"total\"", html, StringComparison.Ordinal);
        Assert.Contains("blazor.web.js", html, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(200, cancellationToken);
        }
    }
}
