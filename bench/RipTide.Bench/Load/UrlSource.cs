using RipTide.Bench.Cli;
using RipTide.Bench.Site;

namespace RipTide.Bench.Load;

/// <summary>
/// Where a load command's URLs come from: <c>--urls-file</c> (one per line), or a test site started in this
/// process (<c>--site</c> with the site's options: --pages, --hosts, --latency, --error-rate, …).
/// </summary>
public sealed class UrlSource : IAsyncDisposable
{
    private BenchSite? _site;

    public IReadOnlyList<string> Urls { get; private set; } = [];

    public static async Task<UrlSource> OpenAsync(Args args, int defaultPages, CancellationToken cancellationToken)
    {
        var source = new UrlSource();
        var file = args.Text("--urls-file");
        if (args.Flag("--site"))
        {
            var options = SiteOptions.Parse(args);
            var pages = args.Text("--pages") is null ? options with { Pages = defaultPages } : options;
            source._site = await BenchSite.StartAsync(pages, cancellationToken);
            source.Urls = source._site.PageUrls(pages.Pages);
        }
        else if (file is not null)
        {
            source.Urls = [.. (await File.ReadAllLinesAsync(file, cancellationToken)).Where(line => line.Length > 0)];
        }

        if (source.Urls.Count == 0)
        {
            throw new ArgumentException("Give URLs: --urls-file FILE (one per line), or --site to start the test site in this process.");
        }

        return source;
    }

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
