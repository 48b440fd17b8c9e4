using System.Text;
using RipTide.Bench.Load;

namespace RipTide.Tests.Unit;

/// <summary>The load generator counts a request as failed from the answer's top-level count alone.</summary>
public sealed class CrawlCallerTests
{
    [Theory]
    [InlineData("{\"request_id\":\"r\",\"total_urls\":2,\"successful\":1,\"failed\":1,\"results\":[{\"x\":\"<unterminated", 1)]
    [InlineData("{\"results\":[{\"failed\":7}],\"failed\":0}", 0)]
    [InlineData("{\"results\":[{\"failed\":7}]}", null)]
    [InlineData("{\"failed\":\"0\"}", null)]
    [InlineData("[1,2]", null)]
    [InlineData("{\"failed\"", null)]
    [InlineData("", null)]
    public void The_failed_count_is_read_at_the_top_level_only(string json, int? expected)
    {
        Assert.Equal(expected, CrawlCaller.TopLevelCount(Encoding.UTF8.GetBytes(json), "failed"u8));
    }
}
