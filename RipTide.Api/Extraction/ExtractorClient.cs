using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RipTide.Api.Fetching;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Extraction;

/// <summary>Calls the Extractor service (found by service discovery) to turn HTML into a document.</summary>
public sealed class ExtractorClient(HttpClient client)
{
    /// <summary>Extracts <paramref name="page"/>; <paramref name="options"/> carries extraction mode, markdown and css_schema.</summary>
    public async Task<DocumentJson> ExtractAsync(Uri url, PageBody page, CancellationToken cancellationToken, ExtractRequest? options = null)
    {
        options ??= new ExtractRequest(null);
        if (options.CssSchema is not null)
        {
            // A css_schema travels as JSON, and so does the page with it (rare: most crawls have none).
            using var jsonResponse = await client.PostAsJsonAsync("/extract", options with { Url = url.AbsoluteUri, Html = page.Text }, JsonDefaults.Options, cancellationToken);
            return await ReadDocumentAsync(jsonResponse, cancellationToken);
        }

        // The page as UTF-8 bytes, not a JSON string: escaping ~100 KB of markup here and validating it
        // there cost more CPU than the rest of the Api's work on a page.
        using var content = new ReadOnlyMemoryContent(page.Utf8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };
        using var response = await client.PostAsync(HtmlExtractPath(url, options), content, cancellationToken);
        return await ReadDocumentAsync(response, cancellationToken);
    }

    private static string HtmlExtractPath(Uri url, ExtractRequest options)
    {
        var path = new StringBuilder("/extract?url=").Append(Uri.EscapeDataString(url.AbsoluteUri));
        if (options.Extraction is { } extraction)
        {
            path.Append("&extraction=").Append(Uri.EscapeDataString(extraction));
        }

        if (options.IncludeMarkdown is { } markdown)
        {
            path.Append("&markdown=").Append(markdown ? "true" : "false");
        }

        return path.ToString();
    }

    /// <summary>The document's JSON, checked and kept as bytes: it goes on to the cache and the answer as it is.</summary>
    /// <exception cref="JsonException">The answer is not a document.</exception>
    private static async Task<DocumentJson> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ExtractionFailedException((int)response.StatusCode, await ReadDetailAsync(response, cancellationToken));
        }

        return DocumentJson.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
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
