using Microsoft.AspNetCore.Http;
using RipTide.Extractor.Endpoints;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Unit;

public sealed class HtmlBodyReaderTests
{
    private static readonly byte[] Pattern = "<p>filler, ünïcødé</p>"u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64 * 1024)]
    [InlineData(200_000)]
    public async Task A_body_within_the_cap_is_read_whole_with_or_without_a_length(int length)
    {
        foreach (var declared in new long?[] { length, null })
        {
            using var body = await HtmlBodyReader.ReadAsync(Request(length, declared), maxBytes: 200_000, CancellationToken.None);

            Assert.NotNull(body);
            Assert.Equal(Expected(length), body.Memory.ToArray());
        }
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_reading()
    {
        var context = Request(10, declaredLength: 1_000_001);

        Assert.Null(await HtmlBodyReader.ReadAsync(context, maxBytes: 1_000_000, CancellationToken.None));
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task A_streamed_body_over_the_cap_is_refused_once_the_cap_is_passed()
    {
        var context = Request(5_000_000, declaredLength: null);

        Assert.Null(await HtmlBodyReader.ReadAsync(context, maxBytes: 1_000_000, CancellationToken.None));
        Assert.InRange(context.Request.Body.Position, 1_000_001, 2_100_000);
    }

    private static DefaultHttpContext Request(long length, long? declaredLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new RepeatingStream(Pattern, length);
        context.Request.ContentLength = declaredLength;
        return context;
    }

    private static byte[] Expected(int length) => Enumerable.Range(0, length).Select(i => Pattern[i % Pattern.Length]).ToArray();
}
