using System.Net;
using System.Net.Http.Headers;
using RipTide.Contracts.Errors;
using static RipTide.Tests.Integration.Gateway.GatewayHarness;

namespace RipTide.Tests.Integration.Gateway;

/// <summary>Token buckets per client address and per key (429 + Retry-After), and shedding beyond the in-flight cap (503).</summary>
public sealed class GatewayRateLimitTests
{
    private static readonly IPAddress OtherClient = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_client_over_its_address_bucket_gets_429_with_retry_after_while_another_address_is_served()
    {
        await using var gateway = await StartAsync(
            ("RipTide:Gateway:RateLimits:PerIp:PermitsPerSecond", "1"),
            ("RipTide:Gateway:RateLimits:PerIp:Burst", "3"));
        using var client = gateway.Client();
        using var other = gateway.Client(OtherClient);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6 && refused is null; i++)
        {
            var response = await client.PostAsync("/crawl", null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(statuses.Count(status => status == HttpStatusCode.OK) >= 3, string.Join(", ", statuses));
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        }

        using var fromElsewhere = await other.PostAsync("/crawl", null);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_does_not_open_a_fresh_bucket()
    {
        await using var gateway = await StartAsync(
            ("RipTide:Gateway:RateLimits:PerIp:PermitsPerSecond", "1"),
            ("RipTide:Gateway:RateLimits:PerIp:Burst", "2"));
        using var client = gateway.Client();

        var statuses = await PostTimesAsync(client, 5, (request, i) => request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}"));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket()
    {
        await using var gateway = await StartAsync(
            ("RipTide:Gateway:TrustedProxies:0", "127.0.0.1"),
            ("RipTide:Gateway:RateLimits:PerIp:PermitsPerSecond", "1"),
            ("RipTide:Gateway:RateLimits:PerIp:Burst", "2"));
        using var proxy = gateway.Client();

        var first = await PostTimesAsync(proxy, 4, (request, _) => request.Headers.Add("X-Forwarded-For", "203.0.113.7"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl");
        request.Headers.Add("X-Forwarded-For", "198.51.100.9");
        using var second = await proxy.SendAsync(request);

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("198.51.100.9", (await Echo.ReadAsync(second)).Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task A_key_over_its_bucket_gets_429_while_another_key_is_served()
    {
        const string otherKey = "second-client-key-0000000";
        await using var gateway = await StartAsync(
            ("RipTide:Gateway:Access:ApiKeys", $"{ClientKey},{otherKey}"),
            ("RipTide:Gateway:RateLimits:PerKey:PermitsPerSecond", "1"),
            ("RipTide:Gateway:RateLimits:PerKey:Burst", "2"));
        using var client = gateway.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        using var other = gateway.Client();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherKey);

        var statuses = await PostTimesAsync(client, 4);

        using var fromOtherKey = await other.PostAsync("/crawl", null);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, fromOtherKey.StatusCode);
    }

    [Fact]
    public async Task Health_probes_are_not_rate_limited()
    {
        await using var gateway = await StartAsync(
            ("RipTide:Gateway:RateLimits:PerIp:PermitsPerSecond", "1"),
            ("RipTide:Gateway:RateLimits:PerIp:Burst", "1"));
        using var client = gateway.Client();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/alive");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Requests_beyond_the_in_flight_cap_are_shed_with_503_and_served_again_once_there_is_room()
    {
        await using var gateway = await StartAsync(("RipTide:Gateway:MaxConcurrentRequests", "2"));
        using var client = gateway.Client();

        var held = Enumerable.Range(0, 2).Select(_ => client.PostAsync("/crawl?hold=1", null)).ToArray();
        await gateway.WaitForHeldAsync(2);

        using var shed = await client.PostAsync("/crawl", null);

        await ProblemAssert.IsProblemAsync(shed, HttpStatusCode.ServiceUnavailable, ProblemTypes.Overloaded);
        Assert.Equal(TimeSpan.FromSeconds(1), shed.Headers.RetryAfter?.Delta);

        gateway.Release(2);
        foreach (var response in await Task.WhenAll(held).WithinAsync(TimeSpan.FromSeconds(60), "the held requests"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        using var later = await client.PostAsync("/crawl", null);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    /// <summary>Posts to /crawl <paramref name="times"/> times in a row and returns the statuses.</summary>
    private static async Task<List<HttpStatusCode>> PostTimesAsync(HttpClient client, int times, Action<HttpRequestMessage, int>? configure = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl");
            configure?.Invoke(request, i);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
