namespace RipTide.Sandbox;

/// <summary>What to extract: the main content, the whole visible page, or metadata only.</summary>
public enum ExtractionMode
{
    Article,
    Full,
    Metadata,
}
