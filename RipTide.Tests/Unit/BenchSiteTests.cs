using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using RipTide.Bench.Cli;
using RipTide.Bench.Extraction;
using RipTide.Bench.Site;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Unit;

/// <summary>Smoke runs of the bench tool's test site and extraction benchmark (seconds, no AppHost).</summary>
public sealed class BenchSiteTests
{
    [Fact]
    public async Task The_test_site_serves_realistic_deterministic_pages_robots_sitemap_404s_and_redirect_chains()
    {
        await using var site = await BenchSite.StartAsync(SiteOptions.Parse(BenchCommandLine.Parse("site", "--pages", "50", "--hosts", "2")), CancellationToken.None);
        using var client = new HttpClient();
        var urls = site.PageUrls(50);

        var page = await client.GetStringAsync(urls[7]);
        var again = await client.GetStringAsync(urls[7]);
        var robots = await client.GetStringAsync(new Uri(site.Hosts[0], "/robots.txt"));
        var sitemap = await client.GetStringAsync(new Uri(site.Hosts[0], "/sitemap.xml"));
        using var missing = await client.GetAsync(new Uri(site.Hosts[0], "/missing/7"));
        using var beyond = await client.GetAsync(new Uri(site.Hosts[0], "/page/50"));
        using var redirected = await client.GetAsync(new Uri(site.Hosts[1], "/redirect/3/7"));

        Assert.Equal(2, site.Hosts.Select(h => h.Port).Distinct().Count());
        Assert.NotEqual(new Uri(urls[0]).Port, new Uri(urls[1]).Port);
        Assert.InRange(page.Length, 30_000, 155_000);
        Assert.Equal(page, again);
        Assert.Contains("application/ld+json", page, StringComparison.Ordinal);
        Assert.Contains("<article>", page, StringComparison.Ordinal);
        Assert.Contains("<nav", page, StringComparison.Ordinal);
        Assert.Contains("Disallow: /private/", robots, StringComparison.Ordinal);
        Assert.Contains(urls[49], sitemap, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal("/page/7", redirected.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(page, await redirected.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Injected_errors_and_latency_are_served()
    {
        await using var site = await BenchSite.StartAsync(SiteOptions.Parse(BenchCommandLine.Parse("site", "--pages", "5", "--error-rate", "1", "--latency", "100-150")), CancellationToken.None);
        using var client = new HttpClient();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync(site.PageUrls(1)[0]);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("--pages", "0")]
    [InlineData("--latency", "200-100")]
    [InlineData("--error-rate", "2")]
    public void Bad_site_options_are_refused_with_their_name(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SiteOptions.Parse(BenchCommandLine.Parse("site", name, value)));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_option_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchCommandLine.Parse("soak", "--duraton", "5s"));

        Assert.Contains("--duraton", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_option_given_without_the_site_is_refused_rather_than_ignored()
    {
        var args = BenchCommandLine.Parse("tune", "--urls-file", "urls.txt", "--latency", "50");
        args.Text("--urls-file");

        var error = Assert.Throws<ArgumentException>(args.RejectUnknown);
        Assert.Contains("--latency", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extract", "--count-instructions")]
    [InlineData("site", "--latency")]
    [InlineData("load", "--levels")]
    [InlineData("tune", "--concurrencies")]
    [InlineData("soak", "--series")]
    [InlineData("burst", "--page-mb")]
    [InlineData("fairness", "--hostile")]
    [InlineData("deepcrawl", "--kill-api-at")]
    public void Every_subcommand_answers_help_with_its_options(string command, string option)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = BenchCommandLine.Create().Parse([command, "--help"]).Invoke(new() { Output = output, Error = error });

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_instruction_count_is_the_same_on_every_run_and_grows_with_the_page()
    {
        var module = Path.Combine(AppContext.BaseDirectory, "Wasm", "riptide_guest.wasm");
        CorpusPage Page(string id, string html) => new(id, html, System.Text.Encoding.UTF8.GetBytes(html), new Uri($"https://example.test/{id}"));
        var small = new[] { Page("a", TestPages.Article("a")) };
        var large = new[] { Page("b", TestPages.Article("b") + string.Concat(Enumerable.Repeat("<p class=\"x\" data-y=\"1\">More words, and more.</p>", 200))) };

        var first = InstructionCounter.PerPage(module, small);

        Assert.True(first > 10_000, $"{first} instructions for a whole article");
        Assert.Equal(first, InstructionCounter.PerPage(module, small));
        Assert.True(InstructionCounter.PerPage(module, large) > first * 2);
    }

    [Fact]
    public void The_extraction_benchmark_runs_on_a_small_corpus()
    {
        var corpus = Directory.CreateTempSubdirectory("riptide-corpus-");
        try
        {
            Directory.CreateDirectory(Path.Combine(corpus.FullName, "pages"));
            File.WriteAllText(Path.Combine(corpus.FullName, "pages", "a.html"), TestPages.Article("a"));
            File.WriteAllText(Path.Combine(corpus.FullName, "pages", "b.html"), TestPages.RichArticle("b"));
            var predictions = Path.Combine(corpus.FullName, "predictions");

            var baseline = Path.Combine(AppContext.BaseDirectory, "Wasm", "riptide_guest.wasm");

            var exit = ExtractBenchmark.Run(new ExtractBenchmarkOptions(corpus.FullName, Rounds: 1, Threads: 2, predictions, BaselineModule: baseline, AlsoWithoutDeadline: true, CountInstructions: true));

            Assert.Equal(0, exit);
            foreach (var engine in new[] { "riptide-wasm", "riptide-wasm-baseline", "riptide-wasm-no-deadline" })
            {
                var prediction = File.ReadAllText(Path.Combine(predictions, engine, "a.json"));
                Assert.Contains(TestPages.ArticleParagraph1, prediction, StringComparison.Ordinal);
            }
        }
        finally
        {
            corpus.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_site_command_serves_until_sigterm_and_then_exits_cleanly()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "RipTide.Bench.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { tool, "site", "--pages", "3" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(ready.Token);
            }
            while (line is not null && !line.StartsWith("try: ", StringComparison.Ordinal));

            Assert.NotNull(line);
            using var client = new HttpClient();
            Assert.Contains("<article>", await client.GetStringAsync(line["try: ".Length..].Split(' ')[0]), StringComparison.Ordinal);

            Assert.Equal(0, kill(process.Id, SigTerm));
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
