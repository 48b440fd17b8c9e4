using System.Security.Cryptography;
using System.Text;

namespace RipTide.Api.Caching;

/// <summary>
/// Cache keys are <c>crawl:v1:</c> + sha256 of the normalised URL, every option that changes the output,
/// and the extractor version, so that no option or engine change can be served a stale shape.
/// </summary>
public static class CacheKeys
{
    public const string Prefix = "crawl:v1:";

    public static string ForPage(Uri normalisedUrl, string extractorVersion)
    {
        // Unit separators keep "a"+"bc" and "ab"+"c" apart.
        var material = string.Join('\u001f', normalisedUrl.AbsoluteUri, extractorVersion);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
