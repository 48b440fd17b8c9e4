using RipTide.Api.Crawling;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Tests.Unit;

public sealed class CrawlCapacityTests
{
    private static CrawlCapacity WithBuffer(int urls) => new(new PerformanceProfile("test", 4, 2, urls, 1, 2, 2, 2));

    [Fact]
    public void Urls_are_admitted_up_to_the_buffer_and_refused_beyond_it_until_some_are_given_back()
    {
        using var capacity = WithBuffer(10);

        var first = capacity.TryAdmit(6);
        var refused = capacity.TryAdmit(5);
        var fits = capacity.TryAdmit(4);

        Assert.NotNull(first);
        Assert.Null(refused);
        Assert.NotNull(fits);
        Assert.Equal(10, capacity.Admitted);

        first!.Dispose();
        first.Dispose(); // giving back twice gives back once

        Assert.Equal(4, capacity.Admitted);
        Assert.NotNull(capacity.TryAdmit(6));
        Assert.Null(capacity.TryAdmit(1));
    }

    [Fact]
    public void One_request_larger_than_the_buffer_is_admitted_when_nothing_else_runs_so_it_is_never_refused_forever()
    {
        using var capacity = WithBuffer(10);

        using var large = capacity.TryAdmit(50);

        Assert.NotNull(large);
        Assert.Null(capacity.TryAdmit(1));
    }

    [Fact]
    public async Task Concurrent_admissions_never_overshoot_the_buffer()
    {
        using var capacity = WithBuffer(100);

        var admitted = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => capacity.TryAdmit(1))));

        Assert.Equal(100, admitted.Count(admission => admission is not null));
        Assert.Equal(100, capacity.Admitted);
    }
}
