using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RipTide.Bench.Extraction;

/// <summary>
/// A corpus cut once into a development two thirds and a check third by a stable hash of each page's id, so that
/// rules are developed on one part and judged on pages they were not tuned on. The hash (SHA-256 of the id's UTF-8)
/// does not depend on the machine, the runtime or the order of the pages, so every run and every session sees the
/// same cut.
/// </summary>
public static class CorpusSplit
{
    public const string All = "all";
    public const string Development = "dev";
    public const string Check = "check";

    public static readonly string[] Names = [All, Development, Check];

    /// <summary>Which part a page belongs to: <see cref="Check"/> or <see cref="Development"/>.</summary>
    public static string PartOf(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 3 == 0 ? Check : Development;
    }

    /// <summary>The pages of <paramref name="split"/> (<see cref="All"/>, <see cref="Development"/> or <see cref="Check"/>).</summary>
    public static IReadOnlyList<CorpusPage> Select(IReadOnlyList<CorpusPage> pages, string split) =>
        split == All ? pages : [.. pages.Where(page => PartOf(page.Id) == split)];

    /// <summary>
    /// Writes the corpus's truth.json cut to <paramref name="pages"/> into <paramref name="file"/>, for
    /// <c>score.py --truth</c> (which counts a page missing from the predictions as an empty extraction).
    /// </summary>
    public static void WriteTruth(string corpus, IReadOnlyList<CorpusPage> pages, string file)
    {
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "truth.json")))!.AsObject();
        var kept = new JsonObject();
        foreach (var page in pages)
        {
            if (truth[page.Id] is { } entry)
            {
                kept[page.Id] = entry.DeepClone();
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, kept.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
