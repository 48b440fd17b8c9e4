using System.Net;
using System.Text.Json;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>The hostile corpus against the running system: every request gets a 4xx problem+json, and the system stays healthy.</summary>
[Collection(WholeApp.Name)]
public sealed class HostileRequestTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_problem_and_the_system_keeps_serving()
    {
        var corpus = HostileRequestCorpus.All();
        Assert.True(corpus.Count >= 200, $"the corpus has {corpus.Count} requests");
        Assert.Equal(corpus.Count, corpus.Select(request => request.Name).Distinct().Count());

        using var anonymous = fixture.GatewayClient(key: null);
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var failures = new List<string>();
        foreach (var hostile in corpus)
        {
            var sender = hostile.Key switch
            {
                Presenting.NoKey => anonymous,
                Presenting.ClientKey => client,
                _ => fixture.Gateway,
            };
            using var request = hostile.Build(fixture.Gateway.BaseAddress!);
            using var response = await sender.SendAsync(request);
            // A request with a valid key must be refused for what it is, not for its key.
            var refusedForKey = response.StatusCode == HttpStatusCode.Unauthorized && hostile.Key != Presenting.NoKey
                || response.StatusCode == HttpStatusCode.Forbidden && hostile.Key == Presenting.AdminKey;
            if (refusedForKey)
            {
                failures.Add($"{hostile.Name}: refused for its key ({(int)response.StatusCode})");
            }
            else if (await ProblemFault(response, hostile.RefusedByKestrel) is { } fault)
            {
                failures.Add($"{hostile.Name}: {fault}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} hostile requests were mishandled:\n" + string.Join('\n', failures));

        using var health = await fixture.Gateway.GetAsync("/health");
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var crawl = await fixture.Gateway.CrawlAsync(new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri]));
        Assert.Equal(1, crawl.Successful);
    }

    /// <summary>Why an answer breaks the contract for bad requests, or null when it keeps it.</summary>
    private static async Task<string?> ProblemFault(HttpResponseMessage response, bool refusedByKestrel)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var excerpt = body.Length > 200 ? body[..200] + "…" : body;
        if (status is < 400 or >= 500)
        {
            return $"status {status} ({excerpt})";
        }

        if (refusedByKestrel)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"status {status} as '{response.Content.Headers.ContentType}' ({excerpt})";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("error_type", out var type) && type.GetString() is { Length: > 0 }
                && problem.RootElement.TryGetProperty("status", out var echoed) && echoed.GetInt32() == status
                ? null
                : $"status {status} without error_type or status ({excerpt})";
        }
        catch (JsonException)
        {
            return $"status {status} with a body that is not JSON ({excerpt})";
        }
    }
}
