using RipTide.Bench.Extraction;

// RipTide's benchmark tool. Each subcommand measures one thing and prints a Markdown table; every
// number in docs/BENCHMARKS.md comes with the command that produced it.
return args switch
{
    ["extract", .. var rest] => ExtractBenchmark.Run(ExtractBenchmarkOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RipTide.Bench <command> [options]

        commands:
          extract [--corpus DIR] [--rounds N] [--threads N] [--predictions DIR]
              Extraction throughput and CPU per page on a corpus folder (default ../shared/corpus/readability)
              for the WebAssembly engine (through the pool), an AngleSharp body-text baseline and SmartReader,
              side by side in one run; --predictions writes each engine's output for ../shared/eval/score.py.
        """);
    return 2;
}
