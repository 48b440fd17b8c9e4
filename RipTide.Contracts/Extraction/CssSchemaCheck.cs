using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Contracts.Extraction;

/// <summary>Body of the Extractor's POST /css-schema/validate.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CssSchemaCheck(JsonElement? CssSchema);
