using RipTide.Contracts.Caching;
using RipTide.Contracts.Extraction;

namespace RipTide.Api.Caching;

/// <summary>One pending cache write.</summary>
public sealed record CacheWrite(string Key, CachedPageHeader Header, Document Document, TimeSpan Ttl);
