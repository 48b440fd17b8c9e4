namespace RipTide.Api.Extraction;

/// <summary>
/// The Extractor answered, but not with a document; <see cref="Detail"/> is its explanation and
/// <see cref="ErrorType"/> its problem's <c>error_type</c> (such as <c>too_complex</c>), if any.
/// </summary>
public sealed class ExtractionFailedException(int status, string? detail = null, string? errorType = null)
    : Exception(detail ?? $"The extractor answered {status}.")
{
    public int Status { get; } = status;

    public string? Detail { get; } = detail;

    public string? ErrorType { get; } = errorType;

    /// <summary>A 5xx may pass; a 4xx means the input itself was refused.</summary>
    public bool Retryable => Status >= 500;
}
