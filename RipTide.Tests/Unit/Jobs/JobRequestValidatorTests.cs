using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs;
using RipTide.Api.Jobs.Spider;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Tests.Unit.Jobs;

public sealed class JobRequestValidatorTests
{
    private static JobRequestValidator Validator(string? secret = "s", string suffixPath = "/nonexistent/psl.dat") => new(
        new CrawlRequestValidator(Options.Create(new CrawlLimitsOptions()), PerformanceProfile.Resolve(new PerformanceOptions(), cpuCount: 2)),
        Options.Create(new JobOptions { MaxSeeds = 3, MaxPagesPerJob = 50, DefaultMaxPages = 20, MaxDepth = 5, WebhookSecret = secret }),
        Options.Create(new CrawlLimitsOptions()),
        new SuffixListSource(suffixPath));

    private static readonly string[] Seed = ["https://a.test/"];

    public static TheoryData<JobRequest, string> Refused => new()
    {
        { new JobRequest(null), "seeds must contain between 1 and 3" },
        { new JobRequest([]), "seeds must contain between 1 and 3" },
        { new JobRequest(["https://a.test/1", "https://a.test/2", "https://a.test/3", "https://a.test/4"]), "seeds must contain between 1 and 3 URLs; it has 4" },
        { new JobRequest(["https://a.test/", "file:///etc/passwd"]), "seeds[1] is not an absolute http(s) URL" },
        { new JobRequest(Seed, new SpiderOptions(Strategy: "random")), "spider.strategy 'random'" },
        { new JobRequest(Seed, new SpiderOptions(Strategy: SpiderStrategies.BestFirst)), "best_first needs spider.keywords" },
        { new JobRequest(Seed, new SpiderOptions(MaxDepth: 6)), "spider.max_depth must be between 0 and 5" },
        { new JobRequest(Seed, new SpiderOptions(MaxPages: 0)), "spider.max_pages must be between 1 and 50" },
        { new JobRequest(Seed, new SpiderOptions(MaxPages: 51)), "spider.max_pages must be between 1 and 50" },
        { new JobRequest(Seed, new SpiderOptions(Scope: "world")), "spider.scope 'world'" },
        { new JobRequest(Seed, new SpiderOptions(Scope: SpiderScopes.SameDomain)), "needs the Public Suffix List" },
        { new JobRequest(Seed, new SpiderOptions(Sitemap: "maybe")), "spider.sitemap 'maybe'" },
        { new JobRequest(Seed, new SpiderOptions(Include: ["re:(("])), "spider.include[0] is not a valid regular expression" },
        { new JobRequest(Seed, new SpiderOptions(Keywords: [" "])), "spider.keywords" },
        { new JobRequest(Seed, new SpiderOptions(), new CrawlOptions(Extraction: ExtractionModes.None)), "extraction 'none' finds no links" },
        { new JobRequest(Seed, Options: new CrawlOptions(Concurrency: 0)), "options.concurrency" },
        { new JobRequest(Seed, Webhook: new JobWebhook("ftp://hooks.test/")), "webhook.url is not an absolute http(s) URL" },
        { new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/", Events: ["paged"])), "webhook.events 'paged'" },
        { new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/", Events: [])), "at least one event" },
        { new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/", new Dictionary<string, string> { ["X-RipTide-Signature"] = "forged" })), "not a header name a webhook may set" },
        { new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/", new Dictionary<string, string> { ["Bad Name"] = "v" })), "not a header name" },
        { new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/", new Dictionary<string, string> { ["X-Ok"] = "a\r\nInjected: 1" })), "printable characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_bad_request_is_refused_saying_what_is_wrong(JobRequest request, string expected)
    {
        Assert.False(Validator().TryValidate(request, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_needs_a_signing_secret_on_the_server()
    {
        Assert.False(Validator(secret: null).TryValidate(new JobRequest(Seed, Webhook: new JobWebhook("https://hooks.test/")), out _, out var problem));
        Assert.Contains("no webhook secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_fill_what_the_request_leaves_out()
    {
        Assert.True(Validator().TryValidate(new JobRequest(Seed, new SpiderOptions(), Webhook: new JobWebhook("https://hooks.test/")), out var spec, out _));

        Assert.Equal(JobKinds.Spider, spec.Kind);
        Assert.Equal(20, spec.MaxPages);
        Assert.Equal(5, spec.Spider!.Rules.MaxDepth);
        Assert.Equal(SpiderStrategies.Bfs, spec.Spider.Priority.Strategy);
        Assert.Equal(SitemapModes.Include, spec.Spider.Sitemap);
        Assert.Equal(JobEvents.All.Order(), spec.Webhook!.Events.Order());

        Assert.True(Validator().TryValidate(new JobRequest(["https://a.test/1", "https://a.test/2"]), out var batch, out _));
        Assert.Equal(JobKinds.Batch, batch.Kind);
        Assert.Equal(2, batch.MaxPages);
    }
}
