using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>How the tests talk to POST /crawl through the gateway, as a client would.</summary>
public static class CrawlApi
{
    public static async Task<CrawlResponse> CrawlAsync(this HttpClient gateway, CrawlRequest request)
    {
        using var response = await gateway.PostAsJsonAsync("/crawl", request, RipTideJsonContext.Default.CrawlRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /crawl answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, RipTideJsonContext.Default.CrawlResponse)!;
    }

    public static Task<CrawlResponse> CrawlAsync(this HttpClient gateway, params Uri[] urls) =>
        gateway.CrawlAsync(new CrawlRequest([.. urls.Select(u => u.AbsoluteUri)]));

    /// <summary>
    /// POST /admin/cache/warm as a well-behaved client sends it: a 429 (this caller's share of the warm queue is
    /// taken, e.g. by another test's flood) is retried after a pause, for up to a minute.
    /// </summary>
    public static async Task<HttpResponseMessage> WarmAsync(this HttpClient gateway, object body)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var response = await gateway.PostAsJsonAsync("/admin/cache/warm", body);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || DateTime.UtcNow > until)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(500);
        }
    }

    public static string UniqueSlug() => Guid.NewGuid().ToString("N")[..12];
}
