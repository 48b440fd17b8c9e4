namespace RipTide.Bench.Extraction;

/// <summary>What an engine found on one page: what the quality scores read.</summary>
public sealed record Extracted(string? Title, string Text, string? Author = null, string? Date = null);
