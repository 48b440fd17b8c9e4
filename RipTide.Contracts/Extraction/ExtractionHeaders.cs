namespace RipTide.Contracts.Extraction;

/// <summary>Headers between the Api and the Extractor (never routed by the gateway).</summary>
public static class ExtractionHeaders
{
    /// <summary>
    /// Milliseconds the caller will still wait for this extraction. The Extractor's deadline is the smaller
    /// of this and its own, so the guest stops when nobody waits for its answer any more.
    /// </summary>
    public const string BudgetMs = "X-Extraction-Budget-Ms";
}
