using System.Diagnostics;
using System.Text.Json;

namespace RipTide.Bench.Extraction;

/// <summary>
/// The shared reference scorer, <c>shared/eval/score.py</c> (Python 3 standard library only): the metric of the
/// public extraction benchmarks, so that every figure we write down is the one anyone else would compute. We run
/// it rather than re-implement it, so the quality guard and the documented numbers cannot disagree on a detail
/// of tokenising or averaging.
/// </summary>
public static class ReferenceScorer
{
    /// <summary>Corpus F1 with its precision and recall, as the scorer defines them for the corpus's kind of truth.</summary>
    public sealed record Metrics(double F1, double Precision, double Recall);

    /// <summary>What one run printed (the table people read) and the metrics of each prediction folder, by folder name.</summary>
    public sealed record Result(string Table, IReadOnlyDictionary<string, Metrics> Scores);

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Where the scorer sits beside a corpus folder laid out as <c>shared/corpus/&lt;name&gt;</c>.</summary>
    public static string ScriptBeside(string corpusFolder) =>
        Path.GetFullPath(Path.Combine(corpusFolder, "..", "..", "eval", "score.py"));

    /// <summary>
    /// Scores <paramref name="predictionFolders"/> against <paramref name="truthFile"/>. <paramref name="bootstrap"/>
    /// resamples give the ± columns; 1 skips them (the metrics themselves do not depend on it).
    /// </summary>
    public static Result Run(string script, string truthFile, IReadOnlyList<string> predictionFolders, int bootstrap = 1000)
    {
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"The reference scorer is not at {script}.", script);
        }

        var json = Path.Combine(Path.GetTempPath(), $"riptide-score-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // --corpus only names where truth.json would be looked for; --truth says where it is.
        foreach (var argument in (string[])[script, "--corpus", "given", "--truth", truthFile, "--n-bootstrap", bootstrap.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", json, .. predictionFolders])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"score.py did not finish within {Limit.TotalMinutes:0} minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"score.py exited with {process.ExitCode}: {errors.Result}");
            }

            return new Result(output.Result, Read(json));
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static Dictionary<string, Metrics> Read(string json)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.EnumerateObject().ToDictionary(
            folder => folder.Name,
            folder => new Metrics(
                folder.Value.GetProperty("f1").GetDouble(),
                folder.Value.GetProperty("precision").GetDouble(),
                folder.Value.GetProperty("recall").GetDouble()),
            StringComparer.Ordinal);
    }
}
