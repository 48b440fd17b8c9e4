using Microsoft.Extensions.Options;
using RipTide.Access;
using RipTide.Contracts.Errors;
using RipTide.Http;

namespace RipTide.Dashboard.Access;

/// <summary>
/// Guards the metrics hub: a connection must present the run's hub key as a bearer token. Without it anyone
/// who reaches the dashboard could publish invented replicas and numbers, or subscribe to every snapshot.
/// </summary>
public sealed class MetricsHubKeyMiddleware(RequestDelegate next, IOptions<DashboardAccessOptions> options)
{
    private readonly KeySet _hubKey = KeySet.From(options.Value.HubKey);

    public Task InvokeAsync(HttpContext context)
    {
        if (_hubKey.IsEmpty || _hubKey.Contains(BearerToken.From(context.Request)))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Create(context, StatusCodes.Status401Unauthorized, "Unauthorized", ProblemTypes.Unauthorized,
            "The metrics hub takes connections from RipTide's services only: present the hub key as a bearer token.", retryable: false)
            .ExecuteAsync(context);
    }
}
