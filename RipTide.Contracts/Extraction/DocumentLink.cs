namespace RipTide.Contracts.Extraction;

/// <summary>A hyperlink found in the page, made absolute.</summary>
public sealed record DocumentLink(string Url, string Text, string? Rel);
