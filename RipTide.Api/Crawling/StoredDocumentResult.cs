using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>
/// A result whose document is UTF-8 JSON as the Extractor or the cache supplied it (its
/// <see cref="CrawlResult.Document"/> is null): <see cref="CrawlResultJson"/> writes the bytes into the
/// <c>document</c> field verbatim. Server side only; clients read the contract's <see cref="CrawlResult"/>.
/// </summary>
public sealed record StoredDocumentResult : CrawlResult
{
    public StoredDocumentResult(CrawlResult result, ReadOnlyMemory<byte> documentJson)
        : base(result)
    {
        DocumentJson = documentJson;
    }

    public ReadOnlyMemory<byte> DocumentJson { get; }
}
