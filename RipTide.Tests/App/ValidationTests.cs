using System.Net;
using System.Text;
using System.Text.Json;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class ValidationTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("{\"urls\": [", "malformed JSON")]
    [InlineData("{\"urls\": []}", "empty urls")]
    [InlineData("{}", "missing urls")]
    [InlineData("{\"urls\": [\"ftp://example.com/file\"]}", "non-http URL")]
    [InlineData("{\"urls\": [\"not a url\"]}", "relative or garbage URL")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"extra\": 1}", "unknown field")]
    [InlineData("{\"urls\": \"http://example.com\"}", "urls of the wrong type")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"options\": {\"concurrency\": 0}}", "concurrency out of range")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"options\": {\"concurrency\": \"3\"}}", "concurrency as a string")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"options\": {\"cache_mode\": \"sometimes\"}}", "unknown cache_mode")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"options\": {\"include_selectors\": [\"article[\"]}}", "a selector that does not parse")]
    [InlineData("{\"urls\": [\"http://example.com\"], \"options\": {\"headers\": {\"Host\": \"internal.example\"}}}", "a header the crawler owns")]
    public async Task Bad_crawl_requests_get_400_problem_json(string body, string because)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Gateway.PostAsync("/crawl", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("validation_error", problem.RootElement.GetProperty("error_type").GetString());
        Assert.False(problem.RootElement.GetProperty("retryable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.RootElement.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_crawl_request_that_is_not_json_gets_415_problem_json()
    {
        using var content = new StringContent("urls=http://example.com", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await fixture.Gateway.PostAsync("/crawl", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
