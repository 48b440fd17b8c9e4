using RipTide.ServiceDefaults.Options;

namespace RipTide.Dashboard.Access;

/// <summary>
/// <c>RipTide:Dashboard</c>: who may use the dashboard. The AppHost always sets the hub key (generated per
/// run), so the metrics hub takes snapshots only from the services; and whenever the gateway has keys it
/// requires a sign-in, because the pages can reset the pool, purge the cache and start load tests with the
/// admin key the dashboard holds.
/// </summary>
public sealed class DashboardAccessOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Dashboard";

    /// <summary>The pages and their live connection need a sign-in with one of the gateway's admin keys.</summary>
    public bool RequireLogin { get; set; }

    /// <summary>The key publishers present to the metrics hub (bearer token); empty leaves the hub open.</summary>
    public string? HubKey { get; set; }
}
