using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RipTide.Contracts;
using RipTide.Http;

namespace RipTide.Tests.Unit;

public sealed class JsonBodyReaderTests
{
    /// <summary>A body that breaks off as Kestrel's does when its sender (or the gateway) goes away mid-way.</summary>
    private sealed class CutOffBody() : MemoryStream("{\"urls\":[\"https://a.example/"u8.ToArray())
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest);
        }
    }

    [Fact]
    public async Task A_body_cut_off_mid_way_is_a_400_problem_not_an_unhandled_exception()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.ContentType = "application/json";
        context.Request.Body = new CutOffBody();

        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.CrawlRequest, 1024 * 1024, CancellationToken.None);

        Assert.False(body.TryGetValue(out var value, out var problem));
        Assert.Null(value);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Contains("ended before it was complete", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, JsonSerializer.SerializeToElement(problem.ProblemDetails.Extensions["error_type"]).ValueKind);
    }
}
