using System.Net;
using System.Net.Http.Json;
using RipTide.Contracts;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class WasmAdminTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Pool_statistics_and_reset_are_reachable_through_the_gateway()
    {
        await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"));

        var before = await fixture.Gateway.GetFromJsonAsync("/admin/wasm/stats", RipTideJsonContext.Default.WasmPoolStats);
        using var reset = await fixture.Gateway.PostAsync("/admin/wasm/reset", content: null);
        var after = await reset.Content.ReadFromJsonAsync(RipTideJsonContext.Default.WasmPoolStats);

        Assert.NotNull(before);
        Assert.True(before.PoolSize >= 1);
        Assert.True(before.Extractions >= 1);
        Assert.Equal(before.PoolSize, before.SlotMemoryBytes.Count);
        Assert.Equal(64, before.ModuleSha256.Length);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        Assert.Equal(before.Resets + 1, after!.Resets);

        // The pool still extracts after the reset.
        var crawl = await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"));
        Assert.Equal("wasm", crawl.Results[0].Document?.Extraction.Engine);
    }
}
