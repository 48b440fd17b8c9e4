using RipTide.Contracts.Caching;
using RipTide.Documents;

namespace RipTide.Api.Caching;

/// <summary>One pending cache write.</summary>
public sealed record CacheWrite(string Key, CachedPageHeader Header, DocumentJson Document, TimeSpan Ttl);
