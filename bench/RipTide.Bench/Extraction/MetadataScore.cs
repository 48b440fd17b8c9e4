using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RipTide.Bench.Extraction;

/// <summary>
/// Title, date and author of each engine against a corpus's truth (the trafilatura set has them on 845, 728
/// and 538 pages): the share right on the pages whose truth names one. Titles and authors compare after
/// Unicode compatibility normalisation, whitespace collapsing and case folding (as <c>score.py --titles</c>);
/// dates compare by day (the first ten characters of an ISO date, as written on the page).
/// </summary>
public static partial class MetadataScore
{
    /// <summary>What a page's truth says; null where it says nothing.</summary>
    public sealed record Truth(string? Title, string? Date, string? Author);

    /// <summary>The truth of every page that names a title, a date or an author; empty for a corpus without them.</summary>
    public static IReadOnlyDictionary<string, Truth> Load(string corpus)
    {
        var path = Path.Combine(corpus, "truth.json");
        var truths = new Dictionary<string, Truth>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return truths;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var page in document.RootElement.EnumerateObject())
        {
            if (page.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var truth = new Truth(Text(page.Value, "title"), Text(page.Value, "date"), Text(page.Value, "author"));
            if (truth.Title is not null || truth.Date is not null || truth.Author is not null)
            {
                truths[page.Name] = truth;
            }
        }

        return truths;
    }

    /// <summary>A table row per engine: share right, and of how many pages, for each field.</summary>
    public static void Print(IReadOnlyDictionary<string, Truth> truths, IReadOnlyList<(string Engine, IReadOnlyDictionary<string, Extracted> Pages)> engines)
    {
        Console.WriteLine();
        Console.WriteLine("| engine | title exact | date (day) | author exact |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (engine, pages) in engines)
        {
            Console.WriteLine($"| {engine} | {Share(truths, pages, t => t.Title, e => e.Title, SameText)} | "
                + $"{Share(truths, pages, t => t.Date, e => e.Date, SameDay)} | {Share(truths, pages, t => t.Author, e => e.Author, SameText)} |");
        }
    }

    public static bool SameText(string truth, string? predicted) => predicted is not null && Normalise(truth) == Normalise(predicted);

    public static bool SameDay(string truth, string? predicted) =>
        predicted is { Length: >= 10 } && truth.Length >= 10 && string.CompareOrdinal(truth, 0, predicted, 0, 10) == 0;

    public static string Normalise(string text) =>
        Whitespace().Replace(text.Normalize(NormalizationForm.FormKC), " ").Trim().ToLower(CultureInfo.InvariantCulture);

    private static string Share(
        IReadOnlyDictionary<string, Truth> truths,
        IReadOnlyDictionary<string, Extracted> pages,
        Func<Truth, string?> expected,
        Func<Extracted, string?> predicted,
        Func<string, string?, bool> same)
    {
        int asked = 0, right = 0;
        foreach (var (id, page) in pages)
        {
            if (truths.TryGetValue(id, out var truth) && expected(truth) is { } value)
            {
                asked++;
                right += same(value, predicted(page)) ? 1 : 0;
            }
        }

        return asked == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{(double)right / asked:0.000} of {asked}");
    }

    /// <summary>A non-empty string field; a list (several authors) joined with "; ".</summary>
    private static string? Text(JsonElement page, string name)
    {
        if (!page.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
