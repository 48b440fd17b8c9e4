using RipTide.Bench.Cli;
using RipTide.Bench.Load;
using RipTide.Bench.Soak;
using RipTide.Bench.Tune;

namespace RipTide.Tests.App;

/// <summary>Smoke runs (seconds) of the bench tool's load, tune and soak commands against the whole app.</summary>
[Collection(WholeApp.Name)]
public sealed class BenchToolTests
{
    private readonly AppHostFixture _fixture;

    public BenchToolTests(AppHostFixture fixture)
    {
        _fixture = fixture;
        // The tool reads the gateway's key from its environment, as a user would run it.
        Environment.SetEnvironmentVariable(ApiKey.EnvironmentVariable, _fixture.ClientKey);
    }

    private string Target => _fixture.Gateway.BaseAddress!.AbsoluteUri;

    [Fact]
    public async Task The_progressive_load_test_reports_every_level_without_errors()
    {
        var json = Path.GetTempFileName();
        var svg = Path.GetTempFileName();
        using var output = new StringWriter();

        var exit = await LoadCommand.RunAsync(
            BenchCommandLine.Parse("load", "--target", Target, "--site", "--pages", "5", "--levels", "1,2", "--duration", "1s", "--warmup", "200ms", "--json", json, "--svg", svg),
            output);

        var report = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("| 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 2 |", report, StringComparison.Ordinal);
        Assert.Contains("0.00 %", report, StringComparison.Ordinal);
        Assert.Contains("Best:", report, StringComparison.Ordinal);
        Assert.Contains("\"requests_per_second\"", await File.ReadAllTextAsync(json), StringComparison.Ordinal);
        Assert.StartsWith("<svg", (await File.ReadAllTextAsync(svg)).TrimStart(), StringComparison.Ordinal);
        File.Delete(json);
        File.Delete(svg);
    }

    [Fact]
    public async Task The_stream_load_test_runs_uncached()
    {
        using var output = new StringWriter();

        var exit = await LoadCommand.RunAsync(
            BenchCommandLine.Parse("load", "--target", Target, "--site", "--pages", "4", "--endpoint", "stream", "--uncached", "--urls-per-request", "2", "--levels", "2", "--duration", "1s", "--warmup", "200ms"),
            output);

        Assert.Equal(0, exit);
        Assert.Contains("POST /crawl/stream", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0.00 %", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_concurrency_optimiser_recommends_one_of_the_candidates()
    {
        using var output = new StringWriter();

        var exit = await TuneCommand.RunAsync(BenchCommandLine.Parse("tune", "--target", Target, "--site", "--pages", "6", "--concurrencies", "1,3"), output);

        Assert.Equal(0, exit);
        Assert.Matches(@"Recommended options\.concurrency: [13] \(", output.ToString());
    }

    [Fact]
    public async Task The_soak_samples_the_services_and_prints_their_drift()
    {
        using var output = new StringWriter();

        var exit = await SoakCommand.RunAsync(
            BenchCommandLine.Parse("soak", "--target", Target, "--site", "--pages", "8", "--duration", "2s", "--warmup", "1s", "--sample", "500ms", "--connections", "2"),
            output);

        Assert.Equal(0, exit);
        Assert.Contains("| RipTide.Api |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| RipTide.Gateway |", output.ToString(), StringComparison.Ordinal);
    }
}
