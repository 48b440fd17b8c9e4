using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.Net;
using RipTide.ServiceDefaults.Http;
using RipTide.ServiceDefaults.Memory;
using RipTide.ServiceDefaults.Time;

namespace RipTide.Api.Fetching;

/// <summary>
/// Fetches pages with one shared, pooled <see cref="HttpClient"/>. Deliberately not an
/// IHttpClientFactory client: the service defaults' retry policy suits calls between our services, not
/// requests to other people's servers, whose politeness rules live in the crawl pipeline.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private static readonly string[] HtmlMediaTypes = ["text/html", "application/xhtml+xml"];

    /// <summary>The first buffer for a body of unknown length: most pages fit, the rest double it.</summary>
    private const int InitialBodyBuffer = 128 * 1024;

    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly ApiMetrics _metrics;
    private readonly TimeProvider _time;

    public PageFetcher(GuardedConnector connector, IOptions<FetchOptions> options, IOptions<PolitenessOptions> politeness, ApiMetrics metrics, TimeProvider time)
    {
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        // Redirects are followed here, hop by hop (RedirectTarget).
        var handler = connector.CreateHandler();
        handler.ConnectTimeout = TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs);
        handler.AutomaticDecompression = DecompressionMethods.All;
        // One per-host limit: the pool allows exactly what politeness lets be in flight to a host.
        handler.MaxConnectionsPerServer = politeness.Value.PerHostConcurrency;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90);
        handler.EnableMultipleHttp2Connections = true;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
    }

    /// <summary>
    /// Fetches <paramref name="url"/> within <paramref name="timeout"/>. Every failure becomes a per-URL
    /// error; only the caller's own cancellation escapes as an exception.
    /// </summary>
    /// <summary>
    /// Fetches a page: <paramref name="headers"/> go to its own origin, and <paramref name="mobile"/> sends
    /// <see cref="FetchOptions.MobileUserAgent"/> on every hop (unless the headers name a user agent of their own).
    /// </summary>
    public async Task<FetchOutcome> TryFetchAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken, RequestHeaders? headers = null, bool mobile = false)
    {
        var started = _time.GetTimestamp();
        var outcome = await GuardAsync(url, timeout, (target, token) => FetchPageAsync(target, headers, mobile, token), error => FetchOutcome.Failure(error), cancellationToken);
        _metrics.RecordFetch(HostClass.Of(url), outcome.Error?.Type, outcome.BytesFetched, _time.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>Fetches a robots.txt: any content type, any status, the body read up to <see cref="FetchOptions.MaxRobotsBytes"/>.</summary>
    public Task<RobotsFetch> TryFetchRobotsAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken) =>
        GuardAsync(url, timeout, FetchRobotsAsync, error => new RobotsFetch(0, null, error), cancellationToken);

    /// <summary>Fetches a file of any content type (a sitemap): the whole body up to <paramref name="maxBytes"/>, else an error.</summary>
    public Task<FetchedFile> TryFetchFileAsync(Uri url, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken) =>
        GuardAsync(url, timeout, (target, token) => FetchFileAsync(target, maxBytes, token), error => new FetchedFile(0, null, error), cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task<T> GuardAsync<T>(
        Uri url, TimeSpan timeout, Func<Uri, CancellationToken, Task<T>> fetch, Func<CrawlError, T> failure, CancellationToken cancellationToken)
    {
        using var deadline = new LinkedDeadline(timeout, _time, cancellationToken);
        try
        {
            return await fetch(url, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return failure(FetchErrors.Timeout((int)timeout.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException or BlockedAddressException or IOException)
        {
            return failure(FetchErrors.Classify(ex));
        }
    }

    /// <summary>
    /// GETs <paramref name="url"/>, following up to <see cref="FetchOptions.MaxRedirects"/> redirects to http(s)
    /// URLs. A redirect beyond the cap is returned as it is; one to anywhere else ends in the redirect's error,
    /// with <see cref="Sent.LastUrl"/> the URL that redirected and <see cref="Sent.Status"/> its status.
    /// </summary>
    private async Task<Sent> SendAsync(Uri url, RequestHeaders? headers, bool mobile, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            if (mobile)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", _options.MobileUserAgent);
            }

            headers?.ApplyTo(request, url);
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!RedirectTarget.IsRedirect((int)response.StatusCode)
                || !response.Headers.NonValidated.TryGetValues("Location", out var location)
                || hops >= _options.MaxRedirects)
            {
                return new Sent(response, null, current, (int)response.StatusCode);
            }

            var status = (int)response.StatusCode;
            response.Dispose();
            if (!RedirectTarget.TryResolve(current, location.FirstOrDefault(), out var next, out var error))
            {
                return new Sent(null, error, current, status);
            }

            current = next;
        }
    }

    /// <summary>Fetches <paramref name="url"/>; the token carries both the deadline and client cancellation.</summary>
    private async Task<FetchOutcome> FetchPageAsync(Uri url, RequestHeaders? headers, bool mobile, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(url, headers, mobile, cancellationToken);
        if (!sent.TryGetResponse(out var received, out var redirectError))
        {
            return FetchOutcome.Failure(redirectError, sent.LastUrl, sent.Status);
        }

        using var response = received;
        var finalUrl = sent.LastUrl;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;

        if (RedirectTarget.IsRedirect(status) && response.Headers.NonValidated.Contains("Location"))
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.TooManyRedirects, $"More than {_options.MaxRedirects} redirects.", Retryable: false),
                finalUrl, status, contentType?.ToString());
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.HttpError, $"The server answered {status} {response.ReasonPhrase}.", IsRetryableStatus(status)),
                finalUrl, status, contentType?.ToString()) with { RetryAfter = RetryAfter(response) };
        }

        if (contentType?.MediaType is { } mediaType && !HtmlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.UnsupportedContentType, $"Content type '{mediaType}' is not HTML.", Retryable: false),
                finalUrl, status, contentType.ToString());
        }

        if (response.Content.Headers.ContentLength > _options.MaxBodyBytes)
        {
            return TooLarge(finalUrl, status, contentType);
        }

        var (buffer, length, complete) = await ReadCappedAsync(response.Content, _options.MaxBodyBytes, cancellationToken);
        if (!complete)
        {
            PageBuffers.Return(buffer);
            return TooLarge(finalUrl, status, contentType) with { BytesFetched = length };
        }

        if (CharsetDecoder.ToUtf8(buffer, length, contentType?.CharSet) is not { } body)
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.UnsupportedCharset, "The page declares an encoding that cannot be decoded safely.", Retryable: false),
                finalUrl, status, contentType?.ToString(), length);
        }

        return FetchOutcome.Page(finalUrl, status, contentType?.ToString(), body, length) with { MaxAge = response.Headers.CacheControl?.MaxAge };
    }

    private async Task<RobotsFetch> FetchRobotsAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!(await SendAsync(url, headers: null, mobile: false, cancellationToken)).TryGetResponse(out var received, out _))
        {
            // RFC 9309: a robots.txt that cannot be reached through its redirects counts as unavailable (4xx).
            return new RobotsFetch(404, null, null);
        }

        using var response = received;
        if (!response.IsSuccessStatusCode)
        {
            return new RobotsFetch((int)response.StatusCode, null, null);
        }

        // RFC 9309 asks parsers to read at least 500 KiB; the rest of a longer file is ignored.
        var (buffer, length, _) = await ReadCappedAsync(response.Content, _options.MaxRobotsBytes, cancellationToken);
        try
        {
            return new RobotsFetch((int)response.StatusCode, Encoding.UTF8.GetString(buffer, 0, length), null);
        }
        finally
        {
            PageBuffers.Return(buffer);
        }
    }

    private async Task<FetchedFile> FetchFileAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(url, headers: null, mobile: false, cancellationToken);
        if (!sent.TryGetResponse(out var received, out var redirectError))
        {
            return new FetchedFile(sent.Status, null, redirectError);
        }

        using var response = received;
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return new FetchedFile(status, null, new CrawlError(CrawlErrorTypes.HttpError, $"The server answered {status} {response.ReasonPhrase}.", IsRetryableStatus(status)));
        }

        var tooLarge = new CrawlError(CrawlErrorTypes.TooLarge, $"The body exceeds {maxBytes} bytes.", Retryable: false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return new FetchedFile(status, null, tooLarge);
        }

        var (buffer, length, complete) = await ReadCappedAsync(response.Content, maxBytes, cancellationToken);
        try
        {
            return complete ? new FetchedFile(status, buffer.AsSpan(0, length).ToArray(), null) : new FetchedFile(status, null, tooLarge);
        }
        finally
        {
            PageBuffers.Return(buffer);
        }
    }

    private FetchOutcome TooLarge(Uri finalUrl, int status, MediaTypeHeaderValue? contentType) =>
        FetchOutcome.Failure(
            new CrawlError(CrawlErrorTypes.TooLarge, $"The body exceeds {_options.MaxBodyBytes} bytes.", Retryable: false),
            finalUrl, status, contentType?.ToString());

    private static bool IsRetryableStatus(int status) => status is 408 or 425 or 429 or >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>At most <paramref name="limit"/> bytes of the body in a pooled buffer, which the caller returns.</summary>
    private static async Task<(byte[] Buffer, int Length, bool Complete)> ReadCappedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await PooledReader.ReadCappedAsync(stream, content.Headers.ContentLength, limit, InitialBodyBuffer, cancellationToken);
    }

    /// <summary>The final response of a fetch's redirect chain, or the error of a redirect that was not followed.</summary>
    private sealed record Sent(HttpResponseMessage? Response, CrawlError? RedirectError, Uri LastUrl, int Status)
    {
        public bool TryGetResponse([NotNullWhen(true)] out HttpResponseMessage? response, [NotNullWhen(false)] out CrawlError? error)
        {
            if (RedirectError is { } refused)
            {
                (response, error) = (null, refused);
                return false;
            }

            response = Response ?? throw new InvalidOperationException("A redirect chain that was followed ends in a response.");
            error = null;
            return true;
        }
    }
}
