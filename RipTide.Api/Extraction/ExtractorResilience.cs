using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RipTide.Api.Extraction;

/// <summary>
/// How the Api retries the Extractor. Not the standard handler: its 10 s attempt timeout cut off
/// extractions that were still within the page's deadline and its retries ran a deterministic timeout or
/// trap three times over. An extraction's answer (a document, a refusal, a timeout) is final; only a call
/// that never reached a working Extractor (refused connection, 503 overloaded) is tried again, briefly.
/// The deadline is the caller's: its token, and the budget header the Extractor honours.
/// </summary>
public static class ExtractorResilience
{
    public const string PipelineName = "extractor";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
        });

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
        { Result.StatusCode: HttpStatusCode.ServiceUnavailable } => true,
        _ => false,
    };
}
