using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>How one crawl request uses the cache.</summary>
public enum CacheMode
{
    ReadWrite,
    ReadOnly,
    WriteOnly,
    Bypass,
}

public static class CacheModeExtensions
{
    public static bool Reads(this CacheMode mode) => mode is CacheMode.ReadWrite or CacheMode.ReadOnly;

    public static bool Writes(this CacheMode mode) => mode is CacheMode.ReadWrite or CacheMode.WriteOnly;

    /// <summary>Parses the wire value, including the aliases <c>enabled</c> and <c>disabled</c>; null when unknown.</summary>
    public static CacheMode? Parse(string? value) => value switch
    {
        null or CacheModes.ReadWrite or CacheModes.Enabled => CacheMode.ReadWrite,
        CacheModes.ReadOnly => CacheMode.ReadOnly,
        CacheModes.WriteOnly => CacheMode.WriteOnly,
        CacheModes.Bypass or CacheModes.Disabled => CacheMode.Bypass,
        _ => null,
    };
}
