using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Fetching;

/// <summary>
/// Fetches pages with one shared, pooled <see cref="HttpClient"/>. Deliberately not an
/// IHttpClientFactory client: the service defaults' retry policy suits calls between our services, not
/// requests to other people's servers, whose politeness rules live in the crawl pipeline.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private static readonly string[] HtmlMediaTypes = ["text/html", "application/xhtml+xml"];

    private readonly HttpClient _client;
    private readonly FetchOptions _options;

    public PageFetcher(GuardedConnector connector, IOptions<FetchOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs),
            AllowAutoRedirect = _options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = _options.MaxConnectionsPerHost,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            UseCookies = false,
            // A proxy would connect on our behalf and bypass the address guard.
            UseProxy = false,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
    }

    /// <summary>
    /// Fetches <paramref name="url"/> within <paramref name="timeout"/>. Every failure becomes a per-URL
    /// error; only the caller's own cancellation escapes as an exception.
    /// </summary>
    public async Task<FetchOutcome> TryFetchAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await FetchAsync(url, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchOutcome.Failure(FetchErrors.Timeout((int)timeout.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException or BlockedAddressException or IOException)
        {
            return FetchOutcome.Failure(FetchErrors.Classify(ex));
        }
    }

    /// <summary>Fetches <paramref name="url"/>; the token carries both the deadline and client cancellation.</summary>
    private async Task<FetchOutcome> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        var finalUrl = response.RequestMessage?.RequestUri ?? url;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;

        if (status is >= 300 and < 400 && response.Headers.Location is not null)
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.TooManyRedirects, $"More than {_options.MaxRedirects} redirects.", Retryable: false),
                finalUrl, status, contentType?.ToString());
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchOutcome.Failure(
                new CrawlError(CrawlErrorTypes.HttpError, $"The server answered {status} {response.ReasonPhrase}.", IsRetryableStatus(status)),
                finalUrl, status, contentType?.ToString());
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

        var body = await ReadCappedAsync(response.Content, _options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(finalUrl, status, contentType);
        }

        var html = CharsetDecoder.Decode(body, contentType?.CharSet);
        return FetchOutcome.Page(finalUrl, status, contentType?.ToString(), html, body.Length);
    }

    public void Dispose() => _client.Dispose();

    private FetchOutcome TooLarge(Uri finalUrl, int status, MediaTypeHeaderValue? contentType) =>
        FetchOutcome.Failure(
            new CrawlError(CrawlErrorTypes.TooLarge, $"The body exceeds {_options.MaxBodyBytes} bytes.", Retryable: false),
            finalUrl, status, contentType?.ToString());

    private static bool IsRetryableStatus(int status) => status is 408 or 425 or 429 or >= 500;

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
