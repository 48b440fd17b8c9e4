using System.Net;
using System.Text;
using RipTide.Contracts.Errors;
using static RipTide.Tests.Integration.Gateway.GatewayHarness;

namespace RipTide.Tests.Integration.Gateway;

/// <summary>Size limits with problem+json answers, the headers every answer carries, and what the gateway forwards.</summary>
public sealed class GatewayRequestLimitsTests : IAsyncLifetime
{
    private GatewayHarness? _gateway;

    private GatewayHarness Gateway => _gateway!;

    public async Task InitializeAsync() =>
        _gateway = await StartAsync(("RipTide:Gateway:MaxRequestBodyBytes", "4096"), ("RipTide:Gateway:MaxCrawlRequestBodyBytes", "4096"));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    [Fact]
    public async Task A_request_target_over_8_KB_gets_414_problem_json()
    {
        using var client = Gateway.Client();

        using var response = await client.GetAsync("/crawl?q=" + new string('a', 9000));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestUriTooLong, ProblemTypes.UriTooLong);
    }

    [Fact]
    public async Task Headers_over_32_KB_get_431_problem_json()
    {
        using var client = Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl");
        for (var i = 0; i < 5; i++)
        {
            request.Headers.Add($"X-Padding-{i}", new string('p', 8000));
        }

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, ProblemTypes.HeadersTooLarge);
    }

    [Fact]
    public async Task A_declared_body_over_the_limit_gets_413_before_it_is_read()
    {
        using var client = Gateway.Client();

        using var response = await client.PostAsync("/crawl", new ByteArrayContent(new byte[10_000]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_limit_gets_413()
    {
        using var client = Gateway.Client();
        using var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_forwarded_whole()
    {
        using var client = Gateway.Client();

        using var response = await client.PostAsync("/crawl", new StringContent(new string('x', 4000), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4000, (await Echo.ReadAsync(response)).BodyBytes);
    }

    [Theory]
    [InlineData("/crawl")]
    [InlineData("/nowhere")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string path)
    {
        using var client = Gateway.Client();

        using var response = await client.PostAsync(path, null);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.False(response.Headers.Contains("Server"), "the Server header is dropped");
    }

    [Fact]
    public async Task A_path_outside_the_public_surface_gets_404_problem_json()
    {
        using var client = Gateway.Client();

        using var response = await client.GetAsync("/internal/anything");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task The_upstream_sees_the_real_client_address_not_a_forged_one_and_the_request_id()
    {
        using var client = Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl");
        request.Headers.Add("X-Forwarded-For", "10.0.0.1");
        request.Headers.Add("Forwarded", "for=10.0.0.1");
        request.Headers.Add("X-Request-Id", "client-chosen-id");

        using var response = await client.SendAsync(request);

        var echo = await Echo.ReadAsync(response);
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Null(echo.Header("Forwarded"));
        Assert.Equal("client-chosen-id", echo.Header("X-Request-Id"));
    }

    [Theory]
    [InlineData("bad\u0001id")]
    [InlineData("")]
    public async Task An_unsafe_request_id_is_replaced_before_it_is_forwarded(string id)
    {
        using var client = Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl");
        request.Headers.TryAddWithoutValidation("X-Request-Id", id);

        using var response = await client.SendAsync(request);

        var forwarded = (await Echo.ReadAsync(response)).Header("X-Request-Id");
        Assert.False(string.IsNullOrEmpty(forwarded));
        Assert.NotEqual(id, forwarded);
        Assert.Equal(forwarded, response.Headers.GetValues("X-Request-Id").Single());
    }
}
