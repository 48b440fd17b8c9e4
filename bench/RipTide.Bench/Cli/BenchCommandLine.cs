using System.CommandLine;
using RipTide.Bench.Extraction;
using RipTide.Bench.Jobs;
using RipTide.Bench.Load;
using RipTide.Bench.Memory;
using RipTide.Bench.Render;
using RipTide.Bench.Site;
using RipTide.Bench.Soak;
using RipTide.Bench.Tune;

namespace RipTide.Bench.Cli;

/// <summary>
/// The bench tool's command line on System.CommandLine: every subcommand with its options, so that
/// syntax errors, unknown options and <c>--help</c> are the library's. Values keep our own forms (durations
/// such as <c>10s</c>, lists such as <c>1,5,10</c>, ranges such as <c>50-200</c>), read by <see cref="Args"/>.
/// </summary>
public static class BenchCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("RipTide's benchmark tool. Each subcommand measures one thing and prints a Markdown table; "
            + "every number in docs/BENCHMARKS.md comes with the command that produced it.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The words after a subcommand, parsed as that subcommand parses them (for tests and scripts).</summary>
    public static Args Parse(string subcommand, params string[] words)
    {
        var result = Create().Parse([subcommand, .. words]);
        return result.Errors.Count == 0
            ? Args.From(result)
            : throw new ArgumentException(string.Join(" ", result.Errors.Select(error => error.Message)));
    }

    private static IEnumerable<Command> Commands()
    {
        yield return Define("extract",
            "Extraction throughput and CPU per page on a corpus folder for the WebAssembly engine (through the pool), an AngleSharp "
            + "body-text baseline and SmartReader, side by side in one run.",
            args => Task.FromResult(ExtractBenchmark.Run(ExtractBenchmarkOptions.From(args))),
            Valued("--corpus", "Corpus folder (pages/ and truth.json); default ../shared/corpus/readability."),
            Valued("--rounds", "Timed rounds (default 3)."),
            Valued("--threads", "Extraction threads (default: the processor count)."),
            Valued("--predictions", "Writes each engine's output to this folder for ../shared/eval/score.py."),
            Valued("--baseline-module", "Adds another build of the module to the same run (riptide-wasm-baseline)."),
            Flag("--also-without-deadline", "Adds the module compiled without epoch checks (what deadlines cost)."),
            Flag("--count-instructions", "Adds the WebAssembly instructions per page, counted as Wasmtime fuel: the same on every run."),
            Valued("--split", "all (default), dev or check: the corpus's development two thirds or check third, cut by a stable hash of the page id."));

        yield return Define("site", "Serves a deterministic test site on 127.0.0.1 (one port per host) until stopped.",
            SiteCommand.RunAsync,
            [.. SiteOptions(), Valued("--urls-file", "Writes the page URLs to this file, one per line.")]);

        yield return Define("load", "Progressive load against the gateway: req/s, p50/p95/p99, errors, CPU per page, advice.",
            args => LoadCommand.RunAsync(args, Console.Out),
            [
                Target(),
                Valued("--endpoint", "crawl (default) or stream."),
                Flag("--uncached", "Bypass the cache (cache_mode bypass)."),
                Valued("--levels", "Concurrency levels, comma-separated (default 1,5,10,20,50,100)."),
                Valued("--duration", "Time per level (default 10s)."),
                Valued("--warmup", "Warm-up before each level (default 2s)."),
                Valued("--urls-per-request", "URLs in each request (default 1)."),
                Valued("--concurrency", "The crawl option concurrency sent with each request (default: the Api's)."),
                Valued("--json", "Writes the results as JSON to this file."),
                Valued("--markdown", "Writes the Markdown table to this file."),
                Valued("--svg", "Writes a throughput/latency chart to this file."),
                .. UrlSourceOptions(),
            ]);

        yield return Define("tune", "Concurrency optimiser: crawls the URLs uncached at each options.concurrency, keeps the best score.",
            args => TuneCommand.RunAsync(args, Console.Out),
            [
                Target(),
                Valued("--concurrencies", "Values of options.concurrency to try, comma-separated (default 1,2,3,5,8,10)."),
                Valued("--urls-per-request", "URLs per request (default 100); above 100 needs the Api's RipTide:Crawl:MaxUrls raised to match."),
                Valued("--parallel-requests", "Requests in flight at once (default 1)."),
                .. UrlSourceOptions(),
            ]);

        yield return Define("soak", "Sustained mixed load; samples every RipTide service's RSS and CPU; prints the drift.",
            args => SoakCommand.RunAsync(args, Console.Out),
            [
                Target(),
                Valued("--duration", "How long to run (default 10m)."),
                Valued("--warmup", "Load before the first sample (default 60s)."),
                Valued("--sample", "Sampling interval (default 5s)."),
                Valued("--connections", "Concurrent clients (default 8)."),
                Valued("--series", "Writes every sample to this CSV file."),
                .. UrlSourceOptions(),
            ]);

        yield return Define("burst",
            "Memory return: a warm-up of ordinary pages, idle RSS of every service, a burst of large pages through POST /extract, "
            + "then RSS for a while after it; prints idle, peak and end RSS per service.",
            args => BurstCommand.RunAsync(args, Console.Out),
            Target(),
            Valued("--pages", "Large pages in the burst (default 48)."),
            Valued("--page-mb", "Size of each large page in MB (default 15)."),
            Valued("--concurrency", "Burst requests in flight (default 4)."),
            Valued("--watch", "How long RSS is watched after the burst (default 150s)."),
            Valued("--sample", "Sampling interval (default 5s)."),
            Valued("--warmup-pages", "Ordinary pages before the burst (default 16)."),
            Valued("--settle", "Idle time before the idle RSS is read (default 30s)."));

        yield return Define("deepcrawl",
            "One spider job over the generated site through the gateway: pages/s against the latency bound, CPU per page over every "
            + "service, RSS over the crawl, every page once; optionally with an Api copy killed part-way.",
            args => DeepCrawlCommand.RunAsync(args, Console.Out),
            [
                Target(),
                Valued("--max-pages", "The job's spider.max_pages (default: the site's pages)."),
                Valued("--concurrency", "The job's options.concurrency, per Api copy (default 16)."),
                Valued("--per-host", "The system's RipTide:Politeness:PerHostConcurrency, for the bound (default 8)."),
                Valued("--kill-api-at", "Kill one Api copy when this share of the pages is crawled (0–0.95; default 0: no kill)."),
                Valued("--warmup-pages", "Crawl this many pages in a job of their own first, unmeasured, so that the services' JIT has settled (default 0)."),
                Valued("--sample", "RSS sampling interval (default 2s)."),
                .. SiteOptions(),
            ]);

        yield return Define("fairness",
            "Plain POST /extract latency alone and while other callers keep hostile pages (deeply nested, 8 MB) in flight, side by side in one run.",
            args => FairnessCommand.RunAsync(args, Console.Out),
            Target(),
            Valued("--calls", "Plain calls measured in each phase (default 50)."),
            Valued("--hostile", "Callers sending hostile pages (default 4)."));

        yield return Define("render",
            "RipTide.Renderer against a plain Playwright script on the same Chromium, side by side at each pool size: pages/s and RSS per "
            + "concurrent render; then the script-built pages' text recovered by the static and the auto path (score.py).",
            args => RenderCommand.RunAsync(args, Console.Out),
            Valued("--sizes", "Pool sizes (concurrent renders), e.g. 1,2,4 (the default)."),
            Valued("--rounds", "Rounds per pool size, the sides taking turns going first (default 2)."),
            Valued("--duration", "Measured time per side, pool size and round (default 20s)."),
            Valued("--chromium", "Chromium executable (default /usr/bin/chromium)."),
            Valued("--renderer", "RipTide.Renderer.dll (default: the build beside this tool's configuration)."),
            Valued("--score-script", "../shared/eval/score.py (default, from the current folder)."),
            Valued("--recovery-pages", "Pages of each kind for the text-recovery score (default 10)."));
    }

    private static Command Define(string name, string description, Func<Args, Task<int>> run, params Option[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, _) =>
        {
            try
            {
                return await run(Args.From(parseResult));
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Option<string> Target() => Valued("--target", "The gateway's base URL (default http://localhost:8080).");

    private static Option[] SiteOptions() =>
    [
        Valued("--port", "First port (default: any free port)."),
        Valued("--hosts", "Hosts, one port each (default 1)."),
        Valued("--pages", "Pages (default 1000)."),
        Valued("--seed", "Seed of the generated content (default 42)."),
        Valued("--latency", "Milliseconds before each answer, fixed (100) or a range (50-200)."),
        Valued("--error-rate", "Share of pages answered 500 (0–1)."),
        Valued("--slow-body-rate", "Share of pages whose body trickles (0–1)."),
    ];

    /// <summary>Where a load command's URLs come from: a file, or the test site started in this process.</summary>
    private static Option[] UrlSourceOptions() =>
    [
        Valued("--urls-file", "URLs to crawl, one per line."),
        Flag("--site", "Starts the test site in this process and crawls its pages (with the site options)."),
        .. SiteOptions(),
    ];

    private static Option<string> Valued(string name, string description) => new(name) { Description = description };

    private static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}
