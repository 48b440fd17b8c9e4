using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.LiveMetrics;

/// <summary>Where and how often this replica publishes metrics snapshots.</summary>
public sealed class DashboardPublisherOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Dashboard";

    /// <summary>Service-discovery address of the dashboard; the hub path is appended.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceUri { get; set; } = "https+http://dashboard";

    [Range(100, 60_000)]
    public int PublishIntervalMs { get; set; } = 1000;

    /// <summary>Longest wait between reconnection attempts while the dashboard is away.</summary>
    [Range(1000, 600_000)]
    public int MaxReconnectDelayMs { get; set; } = 30_000;

    /// <summary>
    /// The metrics hub's key, presented as a bearer token: the hub takes snapshots only from holders of it. The
    /// AppHost generates one per run and gives it to every service and the dashboard.
    /// </summary>
    public string? HubKey { get; set; }

    /// <summary>This replica's name on the dashboard; the AppHost sets it (api-0, api-1, extractor, …).</summary>
    public string? Replica { get; set; }
}
