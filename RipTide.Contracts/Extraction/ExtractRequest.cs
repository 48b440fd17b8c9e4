using System.Text.Json.Serialization;

namespace RipTide.Contracts.Extraction;

/// <summary>
/// Body of POST /extract. The Extractor requires <see cref="Html"/>; through the Api, a request without it
/// fetches <see cref="Url"/> first. <see cref="Extraction"/> is article (default), full or metadata;
/// <see cref="CssSchema"/> (<c>{"fields": {"name": ".selector" | {"selector", "all", "attribute"}}}</c>) adds
/// structured fields to the document. <see cref="IncludeSelectors"/> keeps only the elements they match (and the
/// page's head), <see cref="ExcludeSelectors"/> removes the elements they match, before anything is extracted.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExtractRequest(
    string? Url,
    string? Html = null,
    string? Extraction = null,
    bool? IncludeMarkdown = null,
    System.Text.Json.JsonElement? CssSchema = null,
    IReadOnlyList<string>? IncludeSelectors = null,
    IReadOnlyList<string>? ExcludeSelectors = null);
