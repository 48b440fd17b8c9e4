using RipTide.Contracts.Caching;

namespace RipTide.Api.Caching;

/// <summary>
/// A cache hit: the header, read, and the document as the UTF-8 JSON it was stored as. The document is
/// never parsed on the way out: it is written into the answer verbatim (<see cref="Crawling.CrawlResultJson"/>).
/// </summary>
public sealed record CachedPage(CachedPageHeader Header, ReadOnlyMemory<byte> DocumentJson);
