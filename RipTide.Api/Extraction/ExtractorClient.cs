using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Extraction;

/// <summary>Calls the Extractor service (found by service discovery) to turn HTML into a document.</summary>
public sealed class ExtractorClient(HttpClient client)
{
    /// <summary>Extracts <paramref name="html"/>; <paramref name="options"/> carries extraction mode, markdown and css_schema.</summary>
    public async Task<Document> ExtractAsync(Uri url, string html, CancellationToken cancellationToken, ExtractRequest? options = null)
    {
        var request = (options ?? new ExtractRequest(null)) with { Url = url.AbsoluteUri, Html = html };
        using var response = await client.PostAsJsonAsync("/extract", request, JsonDefaults.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ExtractionFailedException((int)response.StatusCode, await ReadDetailAsync(response, cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.Document, cancellationToken)
            ?? throw new ExtractionFailedException((int)response.StatusCode);
    }

    /// <summary>Null when the Extractor accepts the schema; otherwise its explanation.</summary>
    /// <exception cref="HttpRequestException">The Extractor could not be reached.</exception>
    public async Task<string?> ValidateSchemaAsync(JsonElement schema, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/css-schema/validate", new CssSchemaCheck(schema), RipTideJsonContext.Default.CssSchemaCheck, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        if ((int)response.StatusCode == StatusCodes.Status400BadRequest)
        {
            return await ReadDetailAsync(response, cancellationToken) ?? "css_schema is not valid.";
        }

        throw new HttpRequestException($"The extractor answered {(int)response.StatusCode} while checking css_schema.");
    }

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
