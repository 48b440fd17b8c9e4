using System.Net;
using Polly;
using RipTide.Api.Extraction;

namespace RipTide.Tests.Unit;

/// <summary>
/// The Api retries the Extractor only when the call never reached a working one: a deterministic answer
/// (a timeout or trap of the guest, a refusal) is final, so hostile pages cost one guest run, not three.
/// </summary>
public sealed class ExtractorResilienceTests
{
    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.OK, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    public void Only_overloaded_answers_are_retried(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(retried, ExtractorResilience.ShouldRetry(Outcome.FromResult(response)));
    }

    [Fact]
    public void An_unreachable_extractor_is_retried_and_a_timeout_is_not()
    {
        Assert.True(ExtractorResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused"))));
        Assert.False(ExtractorResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutException())));
        Assert.False(ExtractorResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));
        Assert.False(ExtractorResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ResponseEnded, "cut off mid-answer"))));
    }
}
