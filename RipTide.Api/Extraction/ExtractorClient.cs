using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Extraction;

/// <summary>Calls the Extractor service (found by service discovery) to turn HTML into a document.</summary>
public sealed class ExtractorClient(HttpClient client)
{
    public async Task<Document> ExtractAsync(Uri url, string html, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(
            "/extract", new ExtractRequest(url.AbsoluteUri, html), JsonDefaults.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ExtractionFailedException((int)response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.Document, cancellationToken)
            ?? throw new ExtractionFailedException((int)response.StatusCode);
    }
}
