using System.Net;
using System.Net.Http.Headers;
using RipTide.Contracts.Errors;
using static RipTide.Tests.Integration.Gateway.GatewayHarness;

namespace RipTide.Tests.Integration.Gateway;

/// <summary>API keys at the edge: who gets in, who gets the admin routes, and that keys stay at the edge.</summary>
public sealed class GatewayAccessTests
{
    private static readonly (string, string)[] BothKinds =
    [
        ("RipTide:Gateway:Access:ApiKeys", $"{ClientKey}, another-client-key-000000"),
        ("RipTide:Gateway:Access:AdminKeys", AdminKey),
    ];

    [Fact]
    public async Task Without_configured_keys_the_gateway_forwards_every_request()
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client();

        using var crawl = await client.PostAsync("/crawl", null);
        using var admin = await client.GetAsync("/admin/wasm/stats");

        Assert.Equal(HttpStatusCode.OK, crawl.StatusCode);
        Assert.Equal("/crawl", (await Echo.ReadAsync(crawl)).Path);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_key_gets_401_problem_json_that_says_how_to_send_one()
    {
        await using var gateway = await StartAsync(BothKinds);
        using var client = gateway.Client();

        using var response = await client.PostAsync("/crawl", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("client-key-0123456789abcdeX")]
    [InlineData("client-key-0123456789abcde")]
    [InlineData("CLIENT-KEY-0123456789ABCDEF")]
    [InlineData("")]
    public async Task A_wrong_key_gets_401_and_is_not_echoed(string key)
    {
        await using var gateway = await StartAsync(BothKinds);
        using var client = gateway.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", key);

        using var response = await client.PostAsync("/crawl", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Either_key_header_is_accepted_and_neither_is_forwarded()
    {
        await using var gateway = await StartAsync(BothKinds);
        using var bearer = gateway.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        using var header = gateway.Client();
        header.DefaultRequestHeaders.Add("X-API-Key", "another-client-key-000000");

        using var first = await bearer.PostAsync("/crawl", null);
        using var second = await header.PostAsync("/extract", null);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var echo = await Echo.ReadAsync(response);
            Assert.Null(echo.Header("Authorization"));
            Assert.Null(echo.Header("X-API-Key"));
        }
    }

    [Theory]
    [InlineData("/admin/wasm/stats")]
    [InlineData("/ADMIN/wasm/stats")]
    [InlineData("/admin/cache/stats")]
    [InlineData("/metrics")]
    public async Task A_client_key_is_refused_on_admin_routes_and_an_admin_key_is_not(string path)
    {
        await using var gateway = await StartAsync(BothKinds);
        using var asClient = gateway.Client();
        asClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        using var asAdmin = gateway.Client();
        asAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        using var refused = await asClient.GetAsync(path);
        using var allowed = await asAdmin.GetAsync(path);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_admin_key_also_crawls()
    {
        await using var gateway = await StartAsync(BothKinds);
        using var client = gateway.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        using var response = await client.PostAsync("/crawl", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_api_keys_but_no_admin_key_the_admin_routes_are_closed()
    {
        await using var gateway = await StartAsync(("RipTide:Gateway:Access:ApiKeys", ClientKey));
        using var client = gateway.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);

        using var response = await client.PostAsync("/admin/wasm/reset", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("no admin key is configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_without_a_key()
    {
        await using var gateway = await StartAsync(BothKinds);
        using var client = gateway.Client();

        using var health = await client.GetAsync("/health");
        using var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_key_shorter_than_16_characters_stops_the_gateway_at_start_without_showing_the_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(("RipTide:Gateway:Access:ApiKeys", "short-secret")));

        Assert.Contains("key #1 has 12 characters", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", failure.Message, StringComparison.Ordinal);
    }
}
