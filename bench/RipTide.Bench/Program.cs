using RipTide.Bench.Cli;
using RipTide.Bench.Extraction;
using RipTide.Bench.Load;
using RipTide.Bench.Memory;
using RipTide.Bench.Site;
using RipTide.Bench.Soak;
using RipTide.Bench.Tune;

// RipTide's benchmark tool. Each subcommand measures one thing and prints a Markdown table; every
// number in docs/BENCHMARKS.md comes with the command that produced it.
try
{
    return args switch
    {
        ["extract", .. var rest] => ExtractBenchmark.Run(ExtractBenchmarkOptions.Parse(rest)),
        ["site", .. var rest] => await SiteCommand.RunAsync(Args.Parse(rest)),
        ["load", .. var rest] => await LoadCommand.RunAsync(Args.Parse(rest, "--uncached", "--site"), Console.Out),
        ["tune", .. var rest] => await TuneCommand.RunAsync(Args.Parse(rest, "--site"), Console.Out),
        ["soak", .. var rest] => await SoakCommand.RunAsync(Args.Parse(rest, "--site"), Console.Out),
        ["burst", .. var rest] => await BurstCommand.RunAsync(Args.Parse(rest), Console.Out),
        ["fairness", .. var rest] => await FairnessCommand.RunAsync(Args.Parse(rest), Console.Out),
        _ => Usage(),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RipTide.Bench <command> [options]

        commands:
          extract [--corpus DIR] [--rounds N] [--threads N] [--predictions DIR] [--baseline-module FILE.wasm] [--also-without-deadline]
                  [--count-instructions]
              Extraction throughput and CPU per page on a corpus folder (default ../shared/corpus/readability)
              for the WebAssembly engine (through the pool), an AngleSharp body-text baseline and SmartReader,
              side by side in one run; --predictions writes each engine's output for ../shared/eval/score.py;
              --baseline-module adds another build of the module to the same run (riptide-wasm-baseline);
              --also-without-deadline adds the module compiled without epoch checks (what deadlines cost);
              --count-instructions adds the WebAssembly instructions per page of the module (and the baseline),
              counted as Wasmtime fuel: the same on every run, for judging guest changes on a noisy machine.
          site [--port P] [--hosts N] [--pages N] [--seed N] [--latency MS|MIN-MAX] [--error-rate R]
               [--slow-body-rate R] [--urls-file FILE]
              Serves a deterministic test site on 127.0.0.1 (one port per host) until stopped.
          load [--target URL] [--endpoint crawl|stream] [--uncached] [--levels 1,5,10,20,50,100]
               [--duration 10s] [--warmup 2s] [--urls-per-request N] [--concurrency N]
               [--json FILE] [--markdown FILE] [--svg FILE] (--urls-file FILE | --site [site options])
              Progressive load against the gateway: req/s, p50/p95/p99, errors, CPU per page, advice.
          tune [--target URL] [--concurrencies 1,2,3,5,8,10] [--urls-per-request N] [--parallel-requests N]
               (--urls-file FILE | --site [site options])
              Concurrency optimiser: crawls the URLs uncached at each options.concurrency, keeps the best score.
              --urls-per-request above 100 needs the Api's RipTide:Crawl:MaxUrls raised to match.
          soak [--target URL] [--duration 10m] [--warmup 60s] [--sample 5s] [--connections N] [--series FILE.csv]
               (--urls-file FILE | --site [site options])
              Sustained mixed load; samples every RipTide service's RSS and CPU; prints the drift.
          burst [--target URL] [--pages 48] [--page-mb 15] [--concurrency 4] [--watch 150s] [--sample 5s]
                [--warmup-pages 16] [--settle 30s]
              Memory return: a warm-up of ordinary pages, idle RSS of every service, a burst of large pages through
              POST /extract, then RSS for a while after it; prints idle, peak and end RSS per service.
          fairness [--target URL] [--calls 50] [--hostile 4]
              Plain POST /extract latency alone and while other callers keep hostile pages (deeply nested, 8 MB)
              in flight, side by side in one run.
        """);
    return 2;
}
