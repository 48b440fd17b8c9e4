using System.Text.Json;
using RipTide.Api.Jobs;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.Unit.Jobs;

/// <summary><see cref="JobResult"/> describes what the Api writes for a job's result: the same members, by name.</summary>
public sealed class JobResultShapeTests
{
    [Fact]
    public void The_described_job_result_has_exactly_the_members_the_api_writes()
    {
        var result = new CrawlResult("https://example.com/", "https://example.com/", 200, false, CacheStatuses.Miss, GateDecisions.Raw, 0.8, 12.5,
            "text/html", Document: null, Error: null);
        using var written = JsonDocument.Parse(JobResultJson.Encode(result, depth: 1, discoveredFrom: "https://example.com/start"));
        var described = JsonSerializer.SerializeToElement(
            new JobResult("u", null, 200, false, "miss", "article", null, 0, null, null, null, null, null, null, 1, null), JsonDefaults.Options);

        Assert.Equal(described.EnumerateObject().Select(member => member.Name), written.RootElement.EnumerateObject().Select(member => member.Name));
    }
}
