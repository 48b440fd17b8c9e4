namespace RipTide.Contracts.Crawling;

/// <summary>The wire names of <c>options.cache_mode</c>, including the aliases older clients send.</summary>
public static class CacheModes
{
    public const string ReadWrite = "read_write";
    public const string ReadOnly = "read_only";
    public const string WriteOnly = "write_only";
    public const string Bypass = "bypass";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
}
