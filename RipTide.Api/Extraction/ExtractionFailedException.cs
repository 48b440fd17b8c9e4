namespace RipTide.Api.Extraction;

/// <summary>The Extractor answered, but not with a document.</summary>
public sealed class ExtractionFailedException(int status)
    : Exception($"The extractor answered {status}.")
{
    public int Status { get; } = status;

    /// <summary>A 5xx may pass; a 4xx means the input itself was refused.</summary>
    public bool Retryable => Status >= 500;
}
