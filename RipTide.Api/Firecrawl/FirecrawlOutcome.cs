namespace RipTide.Api.Firecrawl;

/// <summary>A Firecrawl route's answer: a value, or the status and message of Firecrawl's error body.</summary>
public readonly record struct FirecrawlOutcome<T>(T? Value, int Status, string? Error) where T : class
{
    public static implicit operator FirecrawlOutcome<T>(T value) => new(value, StatusCodes.Status200OK, null);
}

/// <summary>Failed <see cref="FirecrawlOutcome{T}"/>s.</summary>
public static class FirecrawlOutcome
{
    public static FirecrawlOutcome<T> Fail<T>(int status, string error) where T : class => new(null, status, error);
}
