using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Contracts;

/// <summary>
/// HTTP bodies use the contract's JSON: snake_case, source-generated metadata first. Without this,
/// ASP.NET (RipTide.Http applies it there) answers in camelCase and services would disagree with each other on the wire.
/// </summary>
public static class JsonDefaults
{
    /// <summary>Standalone options with the same settings, for clients outside ASP.NET's JSON options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // As the contract's context: a number is a JSON number. (The web defaults also read "42", which the
        // OpenAPI document would then describe as integer-or-string.)
        options.NumberHandling = JsonNumberHandling.Strict;
        // Our bodies are served as application/json, never embedded in HTML; the default encoder's
        // \u003C-style escaping of every '<', '>' and '&' would inflate HTML payloads up to six-fold.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.TypeInfoResolverChain.Insert(0, RipTideJsonContext.Default);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly();
        return options;
    }
}
