namespace RipTide.Bench.Extraction;

public sealed record ExtractBenchmarkOptions(string Corpus, int Rounds, int Threads, string? Predictions, string? BaselineModule, bool AlsoWithoutDeadline = false, bool CountInstructions = false)
{
    public static ExtractBenchmarkOptions Parse(string[] args)
    {
        var corpus = Path.Combine("..", "shared", "corpus", "readability");
        var rounds = 3;
        var threads = Environment.ProcessorCount;
        string? predictions = null;
        string? baselineModule = null;
        var alsoWithoutDeadline = false;
        var countInstructions = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--also-without-deadline")
            {
                alsoWithoutDeadline = true;
                continue;
            }

            if (args[i] == "--count-instructions")
            {
                countInstructions = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--corpus": corpus = value; break;
                case "--rounds": rounds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--predictions": predictions = value; break;
                case "--baseline-module": baselineModule = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        if (rounds < 1 || threads < 1)
        {
            throw new ArgumentException("--rounds and --threads must be at least 1.");
        }

        if (baselineModule is not null && !File.Exists(baselineModule))
        {
            throw new ArgumentException($"--baseline-module {baselineModule} does not exist.");
        }

        return new ExtractBenchmarkOptions(corpus, rounds, threads, predictions, baselineModule, alsoWithoutDeadline, countInstructions);
    }
}
