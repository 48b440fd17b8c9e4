using RipTide.ServiceDefaults.Memory;

namespace RipTide.Tests.Unit;

public sealed class PageBuffersTests
{
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
