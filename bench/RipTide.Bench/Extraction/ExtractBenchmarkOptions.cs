using RipTide.Bench.Cli;

namespace RipTide.Bench.Extraction;

public sealed record ExtractBenchmarkOptions(string Corpus, int Rounds, int Threads, string? Predictions, string? BaselineModule, bool AlsoWithoutDeadline = false, bool CountInstructions = false, string Split = CorpusSplit.All)
{
    public static ExtractBenchmarkOptions From(Args args)
    {
        var options = new ExtractBenchmarkOptions(
            args.Text("--corpus", Path.Combine("..", "shared", "corpus", "readability")),
            args.Whole("--rounds", 3, 1, 1000),
            args.Whole("--threads", Environment.ProcessorCount, 1, 1024),
            args.Text("--predictions"),
            args.Text("--baseline-module"),
            args.Flag("--also-without-deadline"),
            args.Flag("--count-instructions"),
            args.Text("--split", CorpusSplit.All));
        args.RejectUnknown();
        if (!CorpusSplit.Names.Contains(options.Split))
        {
            throw new ArgumentException($"--split must be one of {string.Join(", ", CorpusSplit.Names)}, not {options.Split}.");
        }

        if (options.BaselineModule is { } baseline && !File.Exists(baseline))
        {
            throw new ArgumentException($"--baseline-module {baseline} does not exist.");
        }

        return options;
    }
}
