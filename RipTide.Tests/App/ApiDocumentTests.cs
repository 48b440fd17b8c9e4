using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.App;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, read through the gateway without a key: every native route with
/// its request and response bodies, and schemas whose members are the ones the wire carries.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class ApiDocumentTests(AppHostFixture fixture)
{
    private async Task<JsonElement> ReadDocumentAsync()
    {
        using var anonymous = fixture.GatewayClient(key: null);
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static TheoryData<string, string, string?, string, string?> Routes => new()
    {
        { "post", "/crawl", nameof(CrawlRequest), "200", nameof(CrawlResponse) },
        { "post", "/crawl/stream", nameof(CrawlRequest), "200", nameof(CrawlStreamResult) },
        { "post", "/extract", nameof(ExtractRequest), "200", nameof(Document) },
        { "post", "/jobs", nameof(JobRequest), "202", nameof(JobAccepted) },
        { "get", "/jobs", null, "200", nameof(JobList) },
        { "get", "/jobs/{id}", null, "200", nameof(JobStatus) },
        { "delete", "/jobs/{id}", null, "200", nameof(JobStatus) },
        { "get", "/jobs/{id}/results", null, "200", nameof(JobResultsPage) },
        { "get", "/jobs/{id}/stream", null, "200", nameof(JobStreamResult) },
        { "post", "/map", nameof(MapRequest), "200", nameof(MapResponse) },
        { "get", "/admin/wasm/stats", null, "200", nameof(WasmPoolStats) },
        { "post", "/admin/wasm/reset", null, "202", nameof(WasmPoolStats) },
        { "get", "/admin/cache/stats", null, "200", nameof(CacheStats) },
        { "post", "/admin/cache/warm", nameof(CrawlRequest), "202", nameof(CacheWarmAccepted) },
        { "delete", "/admin/cache", null, "200", nameof(CacheInvalidation) },
        { "get", "/admin/cache/popular", null, "200", nameof(PopularUrls) },
        { "get", "/admin/fetch/hosts", null, "200", nameof(FetchHostsStats) },
        { "get", "/admin/jobs", null, "200", nameof(JobList) },
        { "get", "/admin/jobs/{id}", null, "200", nameof(JobDetail) },
        { "delete", "/admin/jobs/{id}", null, "200", nameof(JobStatus) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_native_route_is_described_with_its_bodies(string method, string path, string? request, string status, string? response)
    {
        var document = await ReadDocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is not in the document.");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()));
        if (request is not null)
        {
            Assert.Equal($"#/components/schemas/{request}",
                operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _), $"{path} does not say it answers 400 to a bad body.");
        }

        var content = operation.GetProperty("responses").GetProperty(status).GetProperty("content");
        var schema = content.EnumerateObject().First().Value.GetProperty("schema");
        Assert.Equal($"#/components/schemas/{response}", schema.GetProperty("$ref").GetString());
    }

    /// <summary>Wire types and an instance of each, every member at its default: what JSON writes is every member the wire has.</summary>
    public static TheoryData<Type> WireTypes => new()
    {
        typeof(CrawlRequest), typeof(CrawlOptions), typeof(CrawlResponse), typeof(CrawlResult), typeof(CrawlStatistics), typeof(Document),
        typeof(ExtractRequest), typeof(JobRequest), typeof(SpiderOptions), typeof(JobWebhook), typeof(JobAccepted), typeof(JobStatus),
        typeof(JobCounts), typeof(JobList), typeof(JobResult), typeof(JobResultsPage), typeof(MapRequest), typeof(MapResponse), typeof(WasmPoolStats),
    };

    [Theory]
    [MemberData(nameof(WireTypes))]
    public async Task Schemas_have_exactly_the_snake_case_members_of_the_wire(Type type)
    {
        var document = await ReadDocumentAsync();
        var written = JsonSerializer.SerializeToElement(RuntimeHelpers.GetUninitializedObject(type), type, JsonDefaults.Options);

        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(type.Name);

        Assert.Equal(written.EnumerateObject().Select(member => member.Name).Order(), schema.GetProperty("properties").EnumerateObject().Select(member => member.Name).Order());
    }

    [Fact]
    public async Task The_document_is_called_where_it_was_read_and_problems_carry_riptides_members()
    {
        var document = await ReadDocumentAsync();

        Assert.Equal("/", Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("error_type", out _) && problem.TryGetProperty("retryable", out _) && problem.TryGetProperty("request_id", out _));
        Assert.False(document.GetProperty("paths").EnumerateObject().Any(path => path.Name.StartsWith("/v2/", StringComparison.Ordinal)),
            "The Firecrawl routes are Firecrawl's API, described in docs/FIRECRAWL.md, not RipTide's.");
    }
}
