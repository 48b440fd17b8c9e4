namespace RipTide.Contracts.Extraction;

/// <summary>How a document was extracted: which engine, and what it cost.</summary>
public sealed record ExtractionInfo(string Engine, double ProcessingTimeMs, long MemoryUsedBytes, int NodesProcessed);
