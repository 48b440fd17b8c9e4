using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RipTide.Http;

/// <summary>
/// Reads a JSON request body strictly: content type checked, size capped while reading, malformed JSON,
/// wrong types and unknown members answered as 4xx problem+json with the JSON path of the fault.
/// Minimal APIs' own binding answers such input with an empty 400, which tells a client nothing.
/// </summary>
public static class JsonBodyReader
{
    public static async Task<Checked<T>> ReadAsync<T>(
        HttpContext context, JsonTypeInfo<T> typeInfo, long maxBytes, CancellationToken cancellationToken) where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(context, "The request body must be JSON (Content-Type: application/json).");
        }

        if (request.ContentLength > maxBytes)
        {
            return Problems.PayloadTooLarge(context, $"The request body exceeds {maxBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null
                ? Problems.Validation(context, "The request body must be a JSON object, not null.")
                : value;
        }
        catch (JsonException ex)
        {
            return Problems.Validation(context, DescribeJsonError(ex));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.PayloadTooLarge(context, $"The request body exceeds {maxBytes} bytes.");
        }
        catch (BadHttpRequestException)
        {
            // A body cut off mid-way (the sender, or the gateway stopping an oversized one, went away): the
            // client's error, answered as such rather than logged as an unhandled exception.
            return Problems.Validation(context, "The request body ended before it was complete.");
        }
    }

    private static string DescribeJsonError(JsonException ex)
    {
        // System.Text.Json's messages name the CLR type; the path and position are what a client can act on.
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the body" : ex.Path;
        var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        var kind = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known field"
            : "is malformed or has the wrong type";
        return $"Invalid JSON: {where} {kind}{position}.";
    }
}
