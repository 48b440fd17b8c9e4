using System.Diagnostics.CodeAnalysis;

namespace RipTide.Api.Crawling;

/// <summary>
/// Normalises a requested URL: absolute http(s) only, a host required, fragment dropped. <see cref="Uri"/>
/// already lower-cases scheme and host, removes default ports, and converts IDN hosts to punycode.
/// </summary>
public static class UrlNormalizer
{
    public static bool TryNormalize(string? value, int maxLength, [NotNullWhen(true)] out Uri? url, out string problem)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "is empty";
            return false;
        }

        if (value.Length > maxLength)
        {
            problem = $"is longer than {maxLength} characters";
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Any(char.IsControl))
        {
            // CR, LF, NUL and the like would be escaped by Uri and fetched; they are never part of a real link
            // and are the stuff of header-injection attempts, so the request is refused instead.
            problem = "contains a control character";
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host))
        {
            problem = "is not an absolute http(s) URL";
            return false;
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            problem = "must not contain credentials";
            return false;
        }

        var builder = new UriBuilder(parsed) { Fragment = string.Empty };
        url = builder.Uri;
        problem = string.Empty;
        return true;
    }
}
