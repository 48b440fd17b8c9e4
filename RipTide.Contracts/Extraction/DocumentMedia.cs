namespace RipTide.Contracts.Extraction;

/// <summary>An image, video or audio reference found in the page, made absolute.</summary>
public sealed record DocumentMedia(string Type, string Url, string? Alt);
