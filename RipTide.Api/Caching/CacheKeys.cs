using System.Security.Cryptography;
using System.Text;

namespace RipTide.Api.Caching;

/// <summary>
/// Cache keys are <c>crawl:v2:{variant}:{normalised url}</c>, where the variant is a sha256 (first 16 hex
/// digits) of every option that changes the output and the extractor version: no option or engine change
/// can be served a stale shape. The URL stays readable in the key so that an operator can invalidate one
/// URL or a URL prefix with SCAN MATCH (docs/DECISIONS.md).
/// </summary>
public static class CacheKeys
{
    public const string Prefix = "crawl:v2:";

    /// <summary>Hex digits of the variant: fixed, so a pattern can match exactly one variant field.</summary>
    private const int VariantLength = 16;

    public static string ForPage(Uri normalisedUrl, string outputFingerprint, string extractorVersion) =>
        $"{Prefix}{Variant(outputFingerprint, extractorVersion)}:{normalisedUrl.AbsoluteUri}";

    /// <summary>
    /// A SCAN MATCH pattern for every variant of one URL, or of every URL starting with the prefix. The
    /// variant is matched character by character (<c>?</c>), never with <c>*</c>: a star there would also
    /// span into another URL that merely ends with this one (<c>…/page?next=:https://site/a</c>).
    /// </summary>
    public static string MatchPattern(string urlOrPrefix, bool isPrefix) =>
        $"{Prefix}{new string('?', VariantLength)}:{EscapeGlob(urlOrPrefix)}{(isPrefix ? "*" : string.Empty)}";

    private static string Variant(string outputFingerprint, string extractorVersion)
    {
        // A unit separator keeps "a"+"bc" and "ab"+"c" apart.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(outputFingerprint + '\u001f' + extractorVersion));
        return Convert.ToHexStringLower(hash.AsSpan(0, VariantLength / 2));
    }

    private static string EscapeGlob(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
