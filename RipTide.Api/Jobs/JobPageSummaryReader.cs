using System.Text.Json;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>Reads a stored result's few fields an operator's list shows.</summary>
public static class JobPageSummaryReader
{
    public static JobPageSummary Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        int Number(string name) => root.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

        return new JobPageSummary(
            Text(root, "url") ?? string.Empty,
            Number("status"),
            root.TryGetProperty("document", out var document2) ? Text(document2, "title") : null,
            root.TryGetProperty("error", out var error) ? Text(error, "type") : null,
            Number("depth"));
    }
}
