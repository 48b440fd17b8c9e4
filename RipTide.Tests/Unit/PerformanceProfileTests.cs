using RipTide.Api.Crawling;
using RipTide.ServiceDefaults.Performance;
using RipTide.ServiceDefaults.Telemetry;

namespace RipTide.Tests.Unit;

public sealed class PerformanceProfileTests
{
    [Theory]
    [InlineData("default", 16, 8, 1000, 4, 8, 4)]
    [InlineData("high_throughput", 32, 16, 2000, 8, 16, 8)]
    [InlineData("low_latency", 8, 4, 500, 4, 4, 4)]
    public void Profiles_derive_their_limits_from_the_cpu_count(string name, int requests, int extractions, int buffer, int gate, int pool, int renders)
    {
        var profile = PerformanceProfile.Resolve(new PerformanceOptions { Profile = name }, cpuCount: 4);

        Assert.Equal((requests, extractions, buffer, gate, pool, renders),
            (profile.MaxConcurrentRequests, profile.MaxConcurrentExtractions, profile.PipelineBuffer, profile.GateWorkers, profile.ExtractorPoolSize, profile.ConcurrentRenders));
    }

    [Fact]
    public void An_override_wins_over_the_profile()
    {
        var profile = PerformanceProfile.Resolve(new PerformanceOptions { Profile = "low_latency", MaxConcurrentRequests = 3, ExtractorPoolSize = 7 }, cpuCount: 4);

        Assert.Equal(3, profile.MaxConcurrentRequests);
        Assert.Equal(7, profile.ExtractorPoolSize);
    }

    [Fact]
    public void An_unknown_profile_fails_validation_with_its_path()
    {
        var result = new PerformanceOptionsValidator().Validate(null, new PerformanceOptions { Profile = "turbo" });

        Assert.True(result.Failed);
        Assert.Contains("RipTide:Performance:Profile 'turbo'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Admission_beyond_the_pipeline_buffer_is_refused_until_urls_are_given_back()
    {
        using var capacity = new CrawlCapacity(PerformanceProfile.Resolve(new PerformanceOptions { PipelineBuffer = 10 }, cpuCount: 1));

        var first = capacity.TryAdmit(8);
        var refused = capacity.TryAdmit(5);
        first!.Dispose();
        first.Dispose();
        var later = capacity.TryAdmit(5);

        Assert.NotNull(first);
        Assert.Null(refused);
        Assert.NotNull(later);
        Assert.Equal(5, capacity.Admitted);
    }

    [Fact]
    public void The_performance_report_lists_each_endpoint_and_the_cache_hit_rate()
    {
        var window = new PerformanceWindow();
        for (var i = 1; i <= 100; i++)
        {
            window.RecordRequest("POST /crawl", i == 100 ? 500 : 200, i / 1000.0);
        }

        window.RecordCacheLookup(hit: true);
        window.RecordCacheLookup(hit: false);

        var report = window.Drain(TimeSpan.FromSeconds(50));

        Assert.Equal("POST /crawl: n=100 ok=99.0% avg=50.5ms p95=95.0ms p99=99.0ms 2.00/s; cache hit rate 50.0% of 2", report);
        Assert.Equal("no requests", window.Drain(TimeSpan.FromSeconds(60)));
    }
}
