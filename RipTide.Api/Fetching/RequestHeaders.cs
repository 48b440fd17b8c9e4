using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace RipTide.Api.Fetching;

/// <summary>
/// Headers a client asks to send with a page's request (a cookie, an authorization, a user agent of its own).
/// Checked strictly: names are HTTP tokens, values one line, a bounded number and size, and never a header the
/// fetcher owns (framing, connection, encoding, ranges, proxies). Sent only to the page's own origin: a
/// redirect to another origin goes without them, as a browser drops credentials there. Never logged; the cache
/// key carries a hash of them, not their values.
/// </summary>
public sealed class RequestHeaders
{
    public const int MaxHeaders = 20;
    public const int MaxTotalChars = 8 * 1024;

    /// <summary>Headers the fetcher decides: how the message is framed and carried, and how the body is encoded or cut.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Expect",
        "Accept-Encoding", "Range", "If-Range", "Proxy-Authorization", "Proxy-Connection", "Proxy-Authenticate", "Alt-Used", "HTTP2-Settings",
    };

    private RequestHeaders(IReadOnlyList<KeyValuePair<string, string>> all) => All = all;

    public IReadOnlyList<KeyValuePair<string, string>> All { get; }

    public static bool TryCreate(IReadOnlyDictionary<string, string>? headers, string field, out RequestHeaders? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        problem = null;
        if (headers is null || headers.Count == 0)
        {
            return true;
        }

        if (headers.Count > MaxHeaders || headers.Sum(header => header.Key.Length + header.Value.Length) > MaxTotalChars)
        {
            problem = $"{field} may hold at most {MaxHeaders} headers of {MaxTotalChars} characters in all.";
            return false;
        }

        foreach (var (name, value) in headers)
        {
            problem = name switch
            {
                _ when name.Length == 0 || !name.All(IsTokenChar) => $"{field}: '{Printable(name)}' is not a header name.",
                _ when Reserved.Contains(name) => $"{field}: {name} is set by the crawler, not by a request.",
                _ when name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) => $"{field}: {name} describes a body, and a page's request has none.",
                _ when value is null || value.Any(c => c is '\r' or '\n' or '\0' || (char.IsControl(c) && c != '\t')) => $"{field}.{name} must be one line of text.",
                // HTTP/1.1 and HTTP/2 carry header values as bytes; .NET sends ASCII only and would fail the fetch.
                _ when !value.All(char.IsAscii) => $"{field}.{name} must be ASCII (encode other characters as the site expects).",
                _ => null,
            };
            if (problem is not null)
            {
                return false;
            }
        }

        if (headers.Keys.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Any(group => group.Count() > 1))
        {
            problem = $"{field} names a header twice.";
            return false;
        }

        parsed = new RequestHeaders([.. headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)]);
        return true;
    }

    /// <summary>For the cache key: two requests share a cached page only when they sent the same headers.</summary>
    public string Fingerprint()
    {
        var text = string.Join('\n', All.Select(header => header.Key.ToLowerInvariant() + ":" + header.Value));
        return "headers:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Adds the headers to <paramref name="request"/> when it goes to <paramref name="origin"/>'s origin (scheme, host and port).</summary>
    public void ApplyTo(HttpRequestMessage request, Uri origin)
    {
        if (request.RequestUri is not { } target || Uri.Compare(target, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return;
        }

        foreach (var (name, value) in All)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static string Printable(string name) => new([.. name.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
