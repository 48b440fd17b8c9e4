namespace RipTide.Contracts.Crawling;

/// <summary>GET /admin/fetch/hosts: this Api copy's connection pool and pacing per host.</summary>
public sealed record FetchHostsStats(string Replica, int OpenConnections, int MaxConnections, int MaxConnectionsPerHost, IReadOnlyList<FetchHostStats> Hosts);

/// <summary>One host: connections open and ever opened, requests in flight, and when its next request may start.</summary>
public sealed record FetchHostStats(string Host, int OpenConnections, long ConnectionsOpened, int InFlight, double NextStartInMs, double RetryAfterRemainingMs);
