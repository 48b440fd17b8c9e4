using RipTide.Contracts.Caching;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Caching;

/// <summary>One pending cache write.</summary>
public sealed record CacheWrite(string Key, CachedPageHeader Header, DocumentJson Document, TimeSpan Ttl);
