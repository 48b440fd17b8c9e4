using System.Globalization;
using Microsoft.AspNetCore.Components;
using RipTide.Dashboard.Bench;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>The bench tool from the browser: a form, live output, and the tool's recommendation picked out.</summary>
public sealed partial class LoadAndTune
{
    private IReadOnlyList<string> _output = [];
    private BenchKind _kind = BenchKind.Tune;
    private bool _useTestSite = true;
    private int _pages = 50;
    private string _urls = string.Empty;
    private string _levels = "1,2,3,5,8,10";
    private int _seconds = 5;
    private bool _uncached;
    private string? _problem;

    [Inject]
    public required BenchRunner Runner { get; init; }

    protected override void OnInitialized()
    {
        _output = Runner.Output();
        Runner.Changed += MarkDirty;
    }

    protected override void Unsubscribe() => Runner.Changed -= MarkDirty;

    protected override void Refresh() => _output = Runner.Output();

    private void SelectKind(BenchKind kind)
    {
        _kind = kind;
        _levels = kind == BenchKind.Tune ? "1,2,3,5,8,10" : "1,5,10,20,50,100";
    }

    private void Start()
    {
        var levels = _levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (levels.Any(l => !int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            _problem = "Levels must be whole numbers separated by commas.";
            return;
        }

        var request = new BenchRequest(
            _kind,
            _urls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _useTestSite,
            _pages,
            _uncached,
            [.. levels.Select(l => int.Parse(l, CultureInfo.InvariantCulture))],
            _seconds);
        _problem = Runner.Start(request);
        _output = Runner.Output();
    }

    /// <summary>The tool's own advice: tune's "Recommended options.concurrency" line, or load's notes.</summary>
    private string? Recommendation() =>
        _output.LastOrDefault(line => line.StartsWith("Recommended", StringComparison.Ordinal))
        ?? (Runner.Running ? null : string.Join(' ', _output.Where(line => line.StartsWith("- ", StringComparison.Ordinal)).Select(line => line[2..])) is { Length: > 0 } notes ? notes : null);
}
