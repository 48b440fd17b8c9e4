using Microsoft.Extensions.Logging.Abstractions;
using RipTide.ServiceDefaults.Memory;
using Options = Microsoft.Extensions.Options.Options;

namespace RipTide.Tests.Unit;

public sealed class IdleMemoryTrimmerTests
{
    private sealed class CountingTrim : IIdleTrim
    {
        public int Calls { get; private set; }

        public void TrimIdle() => Calls++;
    }

    [Fact]
    public void A_trim_asks_every_holder_to_let_go_and_counts()
    {
        var first = new CountingTrim();
        var second = new CountingTrim();
        var trimmer = new IdleMemoryTrimmer(Options.Create(new MemoryTrimOptions()), [first, second], TimeProvider.System, NullLogger<IdleMemoryTrimmer>.Instance);

        trimmer.Trim();
        trimmer.Trim();

        Assert.Equal(2, first.Calls);
        Assert.Equal(2, second.Calls);
        Assert.Equal(2, trimmer.Trims);
    }
}
