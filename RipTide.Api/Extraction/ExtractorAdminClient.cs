namespace RipTide.Api.Extraction;

/// <summary>
/// The Extractor's admin surface, relayed: the gateway routes /admin/* to the Api copies, and the pool
/// lives in the Extractor. Status and body pass through unchanged.
/// </summary>
public sealed class ExtractorAdminClient(HttpClient client)
{
    public async Task<(int Status, string ContentType, byte[] Body)> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        return ((int)response.StatusCode, contentType, body);
    }
}
