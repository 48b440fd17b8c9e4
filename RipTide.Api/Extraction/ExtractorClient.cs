using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RipTide.Api.Crawling;
using RipTide.Api.Fetching;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.Documents;
using RipTide.ServiceDefaults.Time;

namespace RipTide.Api.Extraction;

/// <summary>Calls the Extractor service (found by service discovery) to turn HTML into a document.</summary>
public sealed class ExtractorClient(HttpClient client, TimeProvider time)
{
    private static readonly TimeSpan SchemaCheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A bound on an answer's declared length that no document comes near (the Extractor takes pages of at most 16 MB).</summary>
    private const long MaxDocumentBytes = 1L << 30;

    /// <summary>
    /// Extracts <paramref name="page"/>; <paramref name="options"/> carries extraction mode, markdown and css_schema.
    /// <paramref name="budget"/> is how long the caller still waits: the Extractor stops the guest then, and
    /// <paramref name="cancellationToken"/> (which should fire at the same moment) ends the call.
    /// </summary>
    public async Task<DocumentJson> ExtractAsync(Uri url, PageBody page, TimeSpan budget, CancellationToken cancellationToken, ExtractRequest? options = null)
    {
        options ??= new ExtractRequest(null);
        HttpContent content;
        string path;
        if (options.CssSchema is not null || options.IncludeSelectors is { Count: > 0 } || options.ExcludeSelectors is { Count: > 0 })
        {
            // A css_schema or selectors travel as JSON, and so does the page with them (rare: most crawls have none).
            content = JsonContent.Create(options with { Url = url.AbsoluteUri, Html = page.Text }, options: JsonDefaults.Options);
            path = "/extract";
        }
        else
        {
            // The page as UTF-8 bytes, not a JSON string: escaping ~100 KB of markup here and validating it
            // there cost more CPU than the rest of the Api's work on a page.
            content = new ReadOnlyMemoryContent(page.Utf8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };
            path = HtmlExtractPath(url, options);
        }

        using (content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.Add(ExtractionHeaders.BudgetMs, ((long)Math.Max(1, budget.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Headers first: the body is read once, into an array of its declared length (ReadDocumentAsync).
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await ReadDocumentAsync(response, cancellationToken);
        }
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
            var (detail, errorType) = await ReadProblemAsync(response, cancellationToken);
            throw new ExtractionFailedException((int)response.StatusCode, detail, errorType);
        }

        return DocumentJson.Parse(await ReadBodyAsync(response.Content, cancellationToken));
    }

    /// <summary>
    /// The answer's bytes in one array of the length the Extractor declares. Buffered by HttpClient (its default)
    /// a document was written into a growing pooled stream and then copied out: three document-sized copies per
    /// page, nearly half of what the Api allocated in a deep crawl (docs/BENCHMARKS.md, "A ninth look").
    /// </summary>
    /// <exception cref="HttpRequestException">The answer ended before its declared length, or is larger than any document.</exception>
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is not { } declared)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken);
        }

        if (declared > MaxDocumentBytes)
        {
            throw new HttpRequestException($"The extractor answered a document of {declared} bytes, more than {MaxDocumentBytes}.");
        }

        var body = GC.AllocateUninitializedArray<byte>((int)declared);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            await stream.ReadExactlyAsync(body, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The extractor's answer ended before its declared length.", ex);
        }

        return body;
    }

    /// <summary>
    /// Null when every selector of <paramref name="filter"/> parses; otherwise which does not. The Extractor owns the
    /// selector engine, so it is asked, through the css_schema check with one field per selector.
    /// </summary>
    /// <exception cref="HttpRequestException">The Extractor could not be reached.</exception>
    public async Task<string?> ValidateFilterAsync(PageFilter filter, CancellationToken cancellationToken)
    {
        var fields = filter.Include.Select((selector, i) => ($"include_selectors[{i}]", selector))
            .Concat(filter.Exclude.Select((selector, i) => ($"exclude_selectors[{i}]", selector)))
            .ToDictionary(field => field.Item1, field => field.selector);
        using var schema = JsonSerializer.SerializeToDocument(new Dictionary<string, Dictionary<string, string>> { ["fields"] = fields }, SelectorSchemaJson.Default.DictionaryStringDictionaryStringString);
        return await ValidateSchemaAsync(schema.RootElement, cancellationToken) is { } problem
            ? problem.Replace("css_schema.fields.", "options.", StringComparison.Ordinal)
            : null;
    }

    /// <summary>Null when the Extractor accepts the schema; otherwise its explanation.</summary>
    /// <exception cref="HttpRequestException">The Extractor could not be reached.</exception>
    public async Task<string?> ValidateSchemaAsync(JsonElement schema, CancellationToken cancellationToken)
    {
        // The client has no timeout of its own (extractions are bounded by their caller's deadline): a check is.
        using var timeout = new LinkedDeadline(SchemaCheckTimeout, time, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync("/css-schema/validate", new CssSchemaCheck(schema), RipTideJsonContext.Default.CssSchemaCheck, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The extractor did not check css_schema within {SchemaCheckTimeout.TotalSeconds:0} s.", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            if ((int)response.StatusCode == StatusCodes.Status400BadRequest)
            {
                return (await ReadProblemAsync(response, cancellationToken)).Detail ?? "css_schema is not valid.";
            }

            throw new HttpRequestException($"The extractor answered {(int)response.StatusCode} while checking css_schema.");
        }
    }

    private static async Task<(string? Detail, string? ErrorType)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return (Text(problem.RootElement, "detail"), Text(problem.RootElement, "error_type"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class SelectorSchemaJson : System.Text.Json.Serialization.JsonSerializerContext;
