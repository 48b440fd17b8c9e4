using System.Text.Json.Serialization;

namespace RipTide.Dashboard.Gateway;

/// <summary>The dashboard's own JSON shapes (wire types live in RipTide.Contracts' context).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StreamProblem))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
