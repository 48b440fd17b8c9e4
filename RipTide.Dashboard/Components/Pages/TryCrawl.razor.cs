using System.Text.Json;
using Microsoft.AspNetCore.Components;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Dashboard.Gateway;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>
/// A crawl from the browser: the circuit posts to /crawl/stream through the gateway and renders the lines
/// as they arrive (at most every <see cref="RenderInterval"/>, through <see cref="LivePage"/>). Leaving the
/// page stops the crawl.
/// </summary>
public sealed partial class TryCrawl
{
    public const int MaxUrls = 50;
    private const int PreviewChars = 1500;

    private readonly List<StreamedResult> _results = [];
    private CancellationTokenSource? _crawl;
    private string _urls = string.Empty;
    private bool _bypassCache;
    private bool _running;
    private int _total;
    private string? _summary;
    private string? _message;

    [Inject]
    public required GatewayClient Gateway { get; init; }

    protected override TimeSpan RenderInterval => TimeSpan.FromMilliseconds(200);

    protected override void Unsubscribe() => Stop();

    private void Stop()
    {
        _crawl?.Cancel();
        _crawl?.Dispose();
        _crawl = null;
    }

    private async Task StartAsync()
    {
        var urls = _urls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _message = urls.Length switch
        {
            0 => "Give at least one URL.",
            > MaxUrls => $"At most {MaxUrls} URLs here; use the API for more.",
            _ => null,
        };
        if (_message is not null)
        {
            return;
        }

        Stop();
        _crawl = new CancellationTokenSource();
        var cancellationToken = _crawl.Token;
        _results.Clear();
        _summary = null;
        _total = urls.Length;
        _running = true;
        var request = new CrawlRequest(urls, _bypassCache ? new CrawlOptions(CacheMode: CacheModes.Bypass) : null);
        try
        {
            await foreach (var line in Gateway.StreamCrawlAsync(request, cancellationToken))
            {
                Apply(line);
                MarkDirty();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _message = "Stopped.";
        }
        catch (GatewayRefusedException refused)
        {
            _message = $"The gateway refused the crawl ({refused.Message}).";
            _total = 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidDataException or IOException)
        {
            _message = $"The stream broke off: {ex.Message}";
        }
        finally
        {
            _running = false;
        }
    }

    private void Apply(JsonElement line)
    {
        var type = line.ValueKind == JsonValueKind.Object && line.TryGetProperty("type", out var value) ? value.GetString() : null;
        switch (type)
        {
            case CrawlStreamEventTypes.Start:
                _total = line.GetProperty("total_urls").GetInt32();
                break;
            case CrawlStreamEventTypes.Result when line.Deserialize(RipTideJsonContext.Default.CrawlStreamResult) is { } result:
                _results.Add(new StreamedResult(result.Index, result.Result));
                break;
            case CrawlStreamEventTypes.Summary when line.Deserialize(RipTideJsonContext.Default.CrawlStreamSummary) is { } summary:
                _summary = $"{summary.Successful} succeeded, {summary.Failed} failed, {summary.FromCache} from cache";
                break;
        }
    }

    private static string Preview(string markdown) =>
        markdown.Length <= PreviewChars ? markdown : string.Concat(markdown.AsSpan(0, PreviewChars), "…");

    private sealed record StreamedResult(int Index, CrawlResult Result);
}
