using System.Globalization;

namespace RipTide.Dashboard.Bench;

public enum BenchKind
{
    /// <summary>The progressive load test (bench <c>load</c>).</summary>
    Load,

    /// <summary>The concurrency optimiser (bench <c>tune</c>).</summary>
    Tune,
}

/// <summary>
/// What the page asks the bench tool to do. Only typed, range-checked values become command-line arguments
/// (never text from the page), and URLs go to a file.
/// </summary>
public sealed record BenchRequest(
    BenchKind Kind,
    IReadOnlyList<string> Urls,
    bool UseTestSite,
    int TestSitePages,
    bool Uncached,
    IReadOnlyList<int> Levels,
    int SecondsPerLevel)
{
    public const int MaxUrls = 1000;
    public const int MaxLevel = 100;
    public const int MaxLevels = 8;
    public const int MaxSecondsPerLevel = 60;

    /// <summary>A problem in words, or null when the request can run.</summary>
    public string? Problem()
    {
        if (!UseTestSite && Urls.Count == 0)
        {
            return "Give at least one URL, or use the test site.";
        }

        if (Urls.Count > MaxUrls)
        {
            return $"At most {MaxUrls} URLs.";
        }

        if (Urls.FirstOrDefault(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) is { } bad)
        {
            return $"Not an http(s) URL: {bad}";
        }

        if (Levels.Count is 0 or > MaxLevels || Levels.Any(l => l is < 1 or > MaxLevel))
        {
            return $"Give 1 to {MaxLevels} levels, each from 1 to {MaxLevel}.";
        }

        if (SecondsPerLevel is < 1 or > MaxSecondsPerLevel)
        {
            return $"Seconds per level must be from 1 to {MaxSecondsPerLevel}.";
        }

        return TestSitePages is < 1 or > MaxUrls ? $"Test site pages must be from 1 to {MaxUrls}." : null;
    }

    /// <summary>The bench tool's arguments after the DLL path.</summary>
    public IReadOnlyList<string> Arguments(Uri gateway, string? urlsFile)
    {
        var levels = string.Join(',', Levels.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        List<string> args = Kind == BenchKind.Load
            ? ["load", "--target", gateway.AbsoluteUri, "--levels", levels, "--duration", $"{SecondsPerLevel}s", "--warmup", "2s"]
            : ["tune", "--target", gateway.AbsoluteUri, "--concurrencies", levels];
        if (Kind == BenchKind.Load && Uncached)
        {
            args.Add("--uncached");
        }

        if (UseTestSite)
        {
            args.AddRange(["--site", "--pages", TestSitePages.ToString(CultureInfo.InvariantCulture)]);
        }
        else
        {
            args.AddRange(["--urls-file", urlsFile ?? throw new ArgumentNullException(nameof(urlsFile))]);
        }

        return args;
    }
}
