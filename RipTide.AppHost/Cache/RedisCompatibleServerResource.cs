namespace RipTide.AppHost.Cache;

/// <summary>
/// A Redis-protocol server run as a local process (redis-server or Garnet) that services reach through
/// <c>WithReference</c> exactly as they would a Redis container: <c>ConnectionStrings__cache</c> = host:port.
/// </summary>
public sealed class RedisCompatibleServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    /// <summary>The servers bind to IPv4 loopback only, so clients are pointed there rather than at "localhost".</summary>
    public const string Host = "127.0.0.1";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Host}:{Endpoint.Property(EndpointProperty.Port)}");
}
