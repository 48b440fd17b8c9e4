using System.Net;
using System.Net.Http.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class GatewayTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Gateway_adds_a_request_id_when_the_client_sends_none()
    {
        using var response = await fixture.Gateway.PostAsJsonAsync(
            "/crawl", new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest);
        var body = await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CrawlResponse);

        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal(id, body!.RequestId);
    }

    [Fact]
    public async Task Gateway_keeps_the_clients_own_request_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl")
        {
            Content = JsonContent.Create(new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest),
        };
        request.Headers.Add("X-Request-Id", "client-chosen-id-42");

        using var response = await fixture.Gateway.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CrawlResponse);

        Assert.Equal("client-chosen-id-42", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Equal("client-chosen-id-42", body!.RequestId);
    }

    [Fact]
    public async Task Gateway_answers_health_through_the_api_copies()
    {
        using var response = await fixture.Gateway.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gateway_does_not_expose_paths_outside_the_public_surface()
    {
        using var response = await fixture.Gateway.GetAsync("/internal/anything");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task The_running_system_takes_its_keys_from_the_apphost_parameters()
    {
        using var anonymous = fixture.GatewayClient(key: null);
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri;

        using var withoutKey = await anonymous.PostAsJsonAsync("/crawl", new CrawlRequest([url]), RipTideJsonContext.Default.CrawlRequest);
        using var withKey = await client.PostAsJsonAsync("/crawl", new CrawlRequest([url]), RipTideJsonContext.Default.CrawlRequest);
        using var adminWithClientKey = await client.PostAsync("/admin/wasm/reset", null);
        using var health = await anonymous.GetAsync("/health");

        await ProblemAssert.IsProblemAsync(withoutKey, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        await ProblemAssert.IsProblemAsync(adminWithClientKey, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
