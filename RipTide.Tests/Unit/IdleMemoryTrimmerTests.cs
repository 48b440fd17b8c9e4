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

    [Theory]
    [InlineData(1024)]
    [InlineData(1024 * 1024)]
    [InlineData(PageBuffers.PooledMaxBytes + 1)]
    [InlineData(16 * 1024 * 1024)]
    public void Page_buffers_of_any_size_go_back_without_error(int size)
    {
        var buffer = PageBuffers.Rent(size);

        Assert.True(buffer.Length >= size);
        PageBuffers.Return(buffer);
    }
}
