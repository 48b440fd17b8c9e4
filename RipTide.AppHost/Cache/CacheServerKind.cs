namespace RipTide.AppHost.Cache;

/// <summary>Which Redis-compatible server backs the <c>cache</c> resource.</summary>
public enum CacheServerKind
{
    /// <summary>A Redis container (Aspire.Hosting.Redis); needs a running container engine.</summary>
    Container,

    /// <summary>Debian's redis-server, run as an executable resource.</summary>
    RedisServer,

    /// <summary>Microsoft Garnet, run from the repository's .NET tool manifest: needs only the .NET SDK.</summary>
    Garnet,
}
