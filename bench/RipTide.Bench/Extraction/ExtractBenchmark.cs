using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using RipTide.Sandbox;

namespace RipTide.Bench.Extraction;

/// <summary>
/// Extraction throughput on a corpus, every engine in the same run: RipTide's WebAssembly engine through
/// its pool (the production path), an AngleSharp parse + body text baseline, and SmartReader.
/// </summary>
public static class ExtractBenchmark
{
    private sealed record Engine(string Name, Func<CorpusPage, Extracted> Extract);

    private sealed class Totals
    {
        private int _pages;
        private TimeSpan _wall;
        private TimeSpan _cpu;

        public double PagesPerSecond => _pages / _wall.TotalSeconds;

        public double CpuMsPerPage => _cpu.TotalMilliseconds / _pages;

        public void Add((int Pages, TimeSpan Wall, TimeSpan Cpu) run)
        {
            _pages += run.Pages;
            _wall += run.Wall;
            _cpu += run.Cpu;
        }
    }

    private sealed record Measurement(string Engine, double PagesPerSecond, double CpuMsPerPage, double ParallelPagesPerSecond);

    public static int Run(ExtractBenchmarkOptions options)
    {
        var pages = CorpusSplit.Select(CorpusPage.Load(options.Corpus), options.Split);
        if (pages.Count == 0)
        {
            Console.Error.WriteLine($"No pages under {options.Corpus}/pages (split: {options.Split}).");
            return 1;
        }

        using var pool = CreatePool(options.Threads, modulePath: null);
        using var baselinePool = options.BaselineModule is { } baseline ? CreatePool(options.Threads, Path.GetFullPath(baseline)) : null;
        using var undeadlinedPool = options.AlsoWithoutDeadline ? CreatePool(options.Threads, modulePath: null, epochInterruption: false) : null;
        List<Engine> engines =
        [
            WasmEngine("riptide-wasm", pool),
            new("anglesharp-body", page =>
            {
                using var document = new HtmlParser().ParseDocument(page.Html);
                return new Extracted(document.Title, document.Body?.TextContent ?? "");
            }),
            new("smartreader", page =>
            {
                var article = new SmartReader.Reader(page.Url.AbsoluteUri, page.Html).GetArticle();
                return new Extracted(article.Title, article.TextContent ?? "", article.Author, article.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }),
        ];
        if (baselinePool is not null)
        {
            // Another build of the module, measured in the same run: the way to compare guest changes.
            engines.Insert(1, WasmEngine("riptide-wasm-baseline", baselinePool));
        }

        if (undeadlinedPool is not null)
        {
            // The same module compiled without Wasmtime's epoch checks: what enforcing deadlines costs.
            engines.Insert(1, WasmEngine("riptide-wasm-no-deadline", undeadlinedPool));
        }

        // score.py counts a page it has truth for and no prediction as an empty extraction: score a part against its own truth.
        var truth = options.Predictions is { } predictionsFolder && File.Exists(Path.Combine(options.Corpus, "truth.json"))
            ? options.Split == CorpusSplit.All ? Path.Combine(options.Corpus, "truth.json") : Path.Combine(predictionsFolder, $"truth-{options.Split}.json")
            : null;
        if (truth is not null && options.Split != CorpusSplit.All)
        {
            CorpusSplit.WriteTruth(options.Corpus, pages, truth);
        }

        var bytes = pages.Sum(p => (long)p.Utf8.Length);
        Console.WriteLine($"corpus: {pages.Count} pages ({options.Split}), {bytes / 1e6:0.0} MB; rounds: {options.Rounds}; threads: {options.Threads}; {Environment.ProcessorCount} cores");
        var outputs = new List<(string Engine, IReadOnlyDictionary<string, Extracted> Pages)>();
        foreach (var engine in engines)
        {
            // Warm-up (JIT, pool instances, caches) of every engine before any is measured: CPU time is the
            // process's, so a later engine's tier-up compilation must not land in an earlier one's numbers.
            // Its outputs are what the predictions and the metadata table read.
            var extracted = pages.ToDictionary(page => page.Id, engine.Extract, StringComparer.Ordinal);
            if (options.Predictions is { } folder)
            {
                PoolExtraction.WritePredictions(extracted, Path.Combine(folder, engine.Name));
            }

            outputs.Add((engine.Name, extracted));
        }

        if (truth is not null)
        {
            PrintScores(options, truth, [.. engines.Select(engine => Path.Combine(options.Predictions!, engine.Name))]);
        }

        // Rounds interleave the engines (A B C, A B C, …): a burst of noise on this shared machine, or a GC
        // or tier-up landing late, then spreads over every engine instead of landing on whichever ran first.
        var single = engines.ToDictionary(e => e.Name, _ => new Totals());
        var parallel = engines.ToDictionary(e => e.Name, _ => new Totals());
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var engine in engines)
            {
                single[engine.Name].Add(Run(engine, pages, 1));
                parallel[engine.Name].Add(Run(engine, pages, options.Threads));
            }
        }

        Print(engines.Select(e => new Measurement(
            e.Name, single[e.Name].PagesPerSecond, single[e.Name].CpuMsPerPage, parallel[e.Name].PagesPerSecond)).ToList());
        if (MetadataScore.Load(options.Corpus) is { Count: > 0 } truths)
        {
            MetadataScore.Print(truths, outputs);
        }

        if (options.CountInstructions)
        {
            PrintInstructions(pages, options.BaselineModule);
        }

        return 0;
    }

    private static void PrintInstructions(IReadOnlyList<CorpusPage> pages, string? baselineModule)
    {
        var module = InstructionCounter.PerPage(Path.Combine(AppContext.BaseDirectory, new WasmSandboxOptions().ModulePath), pages);
        Console.WriteLine();
        Console.WriteLine("| module | WebAssembly instructions per page (fuel) | × baseline |");
        Console.WriteLine("|---|---:|---:|");
        if (baselineModule is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| riptide-wasm | {module:N0} | |"));
            return;
        }

        var baseline = InstructionCounter.PerPage(Path.GetFullPath(baselineModule), pages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| riptide-wasm | {module:N0} | {module / baseline:0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| riptide-wasm-baseline | {baseline:N0} | 1.000 |"));
    }

    private static Engine WasmEngine(string name, WasmPool pool) => new(name, page => PoolExtraction.Extract(pool, page));

    internal static WasmPool CreatePool(int threads, string? modulePath, bool epochInterruption = true)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // RIPTIDE_WASM_PERFMAP=1 lets `perf record` name the guest's functions during a benchmark run.
        var options = new WasmSandboxOptions { PoolSize = threads, DeadlineMs = 30_000, PerfMap = Environment.GetEnvironmentVariable("RIPTIDE_WASM_PERFMAP") == "1" };
        if (modulePath is not null)
        {
            options.ModulePath = modulePath;
        }

        return new WasmPool(
            Microsoft.Extensions.Options.Options.Create(options),
            new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory },
            new ExtractorMetrics(services.GetRequiredService<IMeterFactory>()),
            NullLogger<WasmPool>.Instance,
            epochInterruption);
    }

    /// <summary>One pass over the corpus: pages, wall time, process CPU time.</summary>
    private static (int Pages, TimeSpan Wall, TimeSpan Cpu) Run(Engine engine, IReadOnlyList<CorpusPage> pages, int threads)
    {
        var work = pages;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        if (threads == 1)
        {
            foreach (var page in work)
            {
                engine.Extract(page);
            }
        }
        else
        {
            Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = threads }, page => engine.Extract(page));
        }

        clock.Stop();
        return (work.Count, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    /// <summary>The reference scorer's table for every engine's predictions, or how to run it where it is not beside the corpus.</summary>
    private static void PrintScores(ExtractBenchmarkOptions options, string truth, IReadOnlyList<string> predictions)
    {
        var script = ReferenceScorer.ScriptBeside(options.Corpus);
        Console.WriteLine();
        if (!File.Exists(script))
        {
            Console.WriteLine($"score with: python3 score.py --corpus {Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Corpus))} --truth {truth} {string.Join(' ', predictions)}");
            return;
        }

        Console.WriteLine($"python3 {script} --corpus given --truth {truth} {string.Join(' ', predictions)}");
        Console.WriteLine(ReferenceScorer.Run(script, truth, predictions).Table);
    }

    private static void Print(IReadOnlyList<Measurement> results)
    {
        var baseline = results.Single(r => r.Engine == "smartreader");
        Console.WriteLine();
        Console.WriteLine("| engine | pages/s, 1 thread | CPU ms/page | pages/s, all threads | × SmartReader (1 thread) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Engine} | {r.PagesPerSecond:0.0} | {r.CpuMsPerPage:0.00} | {r.ParallelPagesPerSecond:0.0} | {r.PagesPerSecond / baseline.PagesPerSecond:0.00} |"));
        }
    }
}
