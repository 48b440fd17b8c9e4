using RipTide.Contracts.Caching;

namespace RipTide.Api.Caching;

/// <summary>One pending cache write.</summary>
public sealed record CacheWrite(string Key, CachedPage Page, TimeSpan Ttl);
