using System.Net;
using Microsoft.Extensions.Options;
using RipTide.Net;
using RipTide.Renderer.Options;

namespace RipTide.Renderer.Rendering;

/// <summary>
/// Fetches what a rendered page asks for, in place of the browser: every connection through the SSRF guard
/// (resolved and checked when it is opened, so DNS rebinding gains nothing), redirects followed here hop by
/// hop with the scheme checked each time, and every body bounded.
/// </summary>
public sealed class SubresourceClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly RendererOptions _options;

    public SubresourceClient(GuardedConnector connector, IOptions<RendererOptions> options)
    {
        _options = options.Value;
        var handler = connector.CreateHandler();
        handler.AutomaticDecompression = DecompressionMethods.All;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        handler.ConnectTimeout = TimeSpan.FromSeconds(10);
        handler.MaxResponseHeadersLength = 64;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The answer to one request of the page. <paramref name="budget"/> is what the render may still read;
    /// <see cref="SubresourceResult.Refusal"/> says why there is no answer when there is none.
    /// </summary>
    public async Task<SubresourceResult> FetchAsync(PageRequest request, long budget, CancellationToken cancellationToken)
    {
        var url = request.Url;
        var method = request.Method;
        var body = request.Body;
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            {
                return SubresourceResult.Refused(Contracts.Rendering.RefusalReasons.UnsupportedScheme, url);
            }

            using var message = new HttpRequestMessage(method, url);
            foreach (var (name, value) in request.Headers)
            {
                if (!SkippedRequestHeaders.Contains(name))
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (body is { Length: > 0 } && method != HttpMethod.Get && method != HttpMethod.Head)
            {
                message.Content = new ByteArrayContent(body);
                if (request.Headers.TryGetValue("content-type", out var contentType))
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            HttpResponseMessage sent;
            try
            {
                sent = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is BlockedAddressException || ex.InnerException?.InnerException is BlockedAddressException)
            {
                // Named by the hop that was refused, which may be a redirect's target rather than what the page asked for.
                return SubresourceResult.Refused(Contracts.Rendering.RefusalReasons.BlockedAddress, url);
            }

            using var response = sent;
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                if (hop >= _options.MaxRedirects)
                {
                    return SubresourceResult.Refused(Contracts.Rendering.RefusalReasons.Budget, url);
                }

                url = new Uri(url, location);
                if (status is 301 or 302 or 303 && method != HttpMethod.Head)
                {
                    (method, body) = (HttpMethod.Get, null);
                }

                continue;
            }

            var limit = Math.Min(_options.MaxResponseBytes, budget);
            if (response.Content.Headers.ContentLength > limit)
            {
                return SubresourceResult.Refused(Contracts.Rendering.RefusalReasons.Budget, url);
            }

            var bytes = await ReadBoundedAsync(response.Content, limit, cancellationToken);
            if (bytes is null)
            {
                return SubresourceResult.Refused(Contracts.Rendering.RefusalReasons.Budget, url);
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!SkippedResponseHeaders.Contains(header.Key))
                {
                    headers[header.Key] = string.Join(header.Key.Equals("set-cookie", StringComparison.OrdinalIgnoreCase) ? "\n" : ", ", header.Value);
                }
            }

            return new SubresourceResult(status, headers, bytes, Refusal: null, url);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
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

    /// <summary>Set by the client itself (host, length, encoding it can decode), or not ours to forward.</summary>
    private static readonly HashSet<string> SkippedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "content-type", "accept-encoding", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade",
    };

    /// <summary>The body is handed over decoded and whole, so these would describe it wrongly.</summary>
    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive",
    };

    public void Dispose() => _client.Dispose();
}

/// <summary>One request of a rendered page, as the browser made it.</summary>
public sealed record PageRequest(Uri Url, HttpMethod Method, IReadOnlyDictionary<string, string> Headers, byte[]? Body);

/// <summary>The answer to hand the browser, or why there is none.</summary>
public sealed record SubresourceResult(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Refusal, Uri FinalUrl)
{
    public static SubresourceResult Refused(string reason, Uri url) => new(0, new Dictionary<string, string>(), [], reason, url);
}
