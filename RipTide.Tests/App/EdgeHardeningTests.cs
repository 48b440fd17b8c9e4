using System.Net;
using System.Text;
using System.Text.Json;

namespace RipTide.Tests.App;

/// <summary>
/// Issue 19, items 5, 6 and 11 at the edge: an oversized crawl body is 413 whatever its transfer encoding,
/// every time; methods no route uses get 405; with keys configured the dashboard shows no open-access warning.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class EdgeHardeningTests(AppHostFixture fixture)
{
    /// <summary>A body of unknown length (chunked) that grows past the crawl limit, without a Content-Length.</summary>
    private sealed class ChunkedBody(int bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var piece = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"urls\":[\"http://a.example/"));
            for (var written = 0; written < bytes; written += piece.Length)
            {
                await stream.WriteAsync(piece);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("\"]}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Theory]
    [InlineData("/crawl", true)]
    [InlineData("/crawl/stream", true)]
    [InlineData("/admin/cache/warm", true)]
    [InlineData("/crawl", false)]
    public async Task A_crawl_body_over_a_megabyte_gets_413_every_time(string path, bool chunked)
    {
        // Eight answers are wanted. A chunked client may lose the race with the gateway's early close (below), on a
        // busy machine for most attempts in a row, so it may try up to 64 times to collect them.
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 64 && statuses.Count < 8; attempt++)
        {
            HttpContent content = chunked ? new ChunkedBody(1536 * 1024) : new ByteArrayContent(new byte[1536 * 1024]);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            try
            {
                using var response = await fixture.Gateway.SendAsync(request);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
                {
                    using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Assert.Equal("payload_too_large", problem.RootElement.GetProperty("error_type").GetString());
                }
            }
            catch (HttpRequestException)
            {
                // The gateway answers 413 and closes while a chunked client may still be sending: that client
                // sees its upload fail instead of the answer (as with any server that refuses a body early).
                Assert.True(chunked, $"attempt {attempt}: a body with a declared length must get its 413");
            }
        }

        // What the probe saw was an answer of 503 about half the time: every answer must be 413.
        Assert.True(statuses.Count >= 4, $"only {statuses.Count} of 64 attempts got an answer");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status));
    }

    [Theory]
    [InlineData("CONNECT", "/health")]
    [InlineData("TRACE", "/crawl")]
    [InlineData("PUT", "/crawl")]
    [InlineData("PATCH", "/admin/cache")]
    [InlineData("OPTIONS", "/crawl")]
    [InlineData("PROPFIND", "/")]
    public async Task A_method_no_route_uses_gets_405_problem_json(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "CONNECT")
        {
            // A CONNECT names its target in Host (the request line's authority form).
            request.Headers.Host = fixture.Gateway.BaseAddress!.Authority;
        }

        using var response = await fixture.Gateway.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", problem.RootElement.GetProperty("error_type").GetString());
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task With_keys_configured_the_dashboard_shows_no_open_access_warning()
    {
        var page = await fixture.Dashboard.GetStringAsync("/");

        Assert.Contains("RipTide", page, StringComparison.Ordinal);
        Assert.DoesNotContain("open-access", page, StringComparison.Ordinal);
    }
}
