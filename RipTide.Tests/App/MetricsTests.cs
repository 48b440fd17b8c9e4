using System.Collections.Concurrent;
using RipTide.Contracts.Metrics;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class MetricsTests(AppHostFixture fixture)
{
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_signalr_client_receives_snapshots_from_every_api_copy()
    {
        var latest = new ConcurrentDictionary<string, MetricsSnapshot>();
        using var timeout = new CancellationTokenSource(SnapshotWait);
        await using var connection = await fixture.SubscribeToMetricsAsync(s => latest[s.Replica] = s, timeout.Token);

        await WaitUntilAsync(() => AppHostFixture.ApiCopyNames.All(latest.ContainsKey), timeout.Token);

        foreach (var replica in AppHostFixture.ApiCopyNames)
        {
            Assert.Equal("api", latest[replica].Service);
            Assert.True(latest[replica].WorkingSetBytes > 0);
        }
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

        // Round-robin over two copies: each one answers some of the six requests.
        await WaitUntilAsync(() => AppHostFixture.ApiCopyNames.All(name => latest[name].Requests > before[name]), timeout.Token);
        Assert.True(AppHostFixture.ApiCopyNames.Sum(name => latest[name].Requests - before[name]) >= 6);
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
