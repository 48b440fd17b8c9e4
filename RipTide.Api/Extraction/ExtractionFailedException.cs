namespace RipTide.Api.Extraction;

/// <summary>The Extractor answered, but not with a document; <see cref="Detail"/> is its explanation, if any.</summary>
public sealed class ExtractionFailedException(int status, string? detail = null)
    : Exception(detail ?? $"The extractor answered {status}.")
{
    public int Status { get; } = status;

    public string? Detail { get; } = detail;

    /// <summary>A 5xx may pass; a 4xx means the input itself was refused.</summary>
    public bool Retryable => Status >= 500;
}
