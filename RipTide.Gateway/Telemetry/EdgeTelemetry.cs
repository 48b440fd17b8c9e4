using System.Diagnostics.Metrics;
using RipTide.Contracts.Errors;

namespace RipTide.Gateway.Telemetry;

/// <summary>
/// What the edge refuses, counted by reason (<c>riptide.gateway.refused</c>) and logged. Refusals that
/// come in floods (rate limits, shedding) log at Debug only: under attack the counter tells the story, and
/// a log line per refused request would turn the attack into a disk-filling one.
/// </summary>
public sealed partial class EdgeTelemetry
{
    public const string MeterName = "RipTide.Gateway";
    public const string RefusedName = "riptide.gateway.refused";
    public const string ReasonTag = "reason";

    private readonly ILogger<EdgeTelemetry> _logger;
    private readonly Counter<long> _refused;

    public EdgeTelemetry(ILogger<EdgeTelemetry> logger, IMeterFactory meters)
    {
        _logger = logger;
        _refused = meters.Create(MeterName).CreateCounter<long>(RefusedName, unit: "{request}", description: "Requests the gateway answered itself with a 4xx or 503.");
    }

    private void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void Unauthorized(string network, bool presentedKey)
    {
        Refused(ProblemTypes.Unauthorized);
        LogUnauthorized(network, presentedKey);
    }

    public void Forbidden(string network, string? keyId)
    {
        Refused(ProblemTypes.Forbidden);
        LogForbidden(network, keyId);
    }

    public void RateLimited(string network, string? keyId, string limit)
    {
        Refused(ProblemTypes.RateLimited);
        LogRateLimited(network, keyId, limit);
    }

    public void Shed(int limit)
    {
        Refused(ProblemTypes.Overloaded);
        LogShed(limit);
    }

    /// <summary>Said once at start when no keys are configured: everything, the admin routes included, is open.</summary>
    [LoggerMessage(3000, LogLevel.Warning, "No API or admin keys are configured: anyone who can reach the gateway may crawl and use the admin routes (cache invalidation and warming, pool reset, metrics). Set the AppHost parameters api-keys and admin-keys (README, 'Keys, limits and the edge').")]
    public partial void OpenAccess();

    [LoggerMessage(3001, LogLevel.Information, "Refused a request from {Network} without a valid API key (a key was presented: {PresentedKey})")]
    private partial void LogUnauthorized(string network, bool presentedKey);

    [LoggerMessage(3002, LogLevel.Information, "Refused an admin route to {Network} with non-admin key {KeyId}")]
    private partial void LogForbidden(string network, string? keyId);

    [LoggerMessage(3003, LogLevel.Debug, "Rate limited {Network} (key {KeyId}) {Limit}")]
    private partial void LogRateLimited(string network, string? keyId, string limit);

    [LoggerMessage(3004, LogLevel.Debug, "Shed a request: {Limit} already in flight")]
    private partial void LogShed(int limit);
}
