namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>options.extraction</c>.</summary>
public static class ExtractionModes
{
    public const string Article = "article";
    public const string Full = "full";
    public const string Metadata = "metadata";

    /// <summary>No extraction: the document carries the fetched HTML only.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Article, Full, Metadata, None];
}
