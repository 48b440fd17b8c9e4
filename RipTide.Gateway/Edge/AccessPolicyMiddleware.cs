using RipTide.Contracts.Errors;
using RipTide.Gateway.Telemetry;

namespace RipTide.Gateway.Edge;

/// <summary>
/// When keys are configured: 401 without a valid key, 403 for an API key on an admin route (or any key on
/// one when no admin key exists). Probes and the API's documentation stay open. With no keys configured every
/// request passes.
/// </summary>
public sealed class AccessPolicyMiddleware(RequestDelegate next, ApiKeyRing keys, EdgeTelemetry log)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!keys.IsEnabled || EdgePaths.IsProbe(path) || EdgePaths.IsDocumentation(path))
        {
            return next(context);
        }

        var client = ClientIdentity.Of(context);
        if (client.Role == ClientRole.Anonymous)
        {
            log.Unauthorized(client.Network, client.PresentedKey);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var detail = client.PresentedKey
                ? "The API key is not valid."
                : "An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.";
            return EdgeProblem.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", ProblemTypes.Unauthorized, detail);
        }

        if (EdgePaths.IsAdmin(path) && client.Role != ClientRole.Admin)
        {
            log.Forbidden(client.Network, client.KeyId);
            var detail = keys.HasAdminKeys
                ? "This route needs an admin key."
                : "Admin routes are closed: no admin key is configured (RipTide:Gateway:Access:AdminKeys).";
            return EdgeProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", ProblemTypes.Forbidden, detail);
        }

        return next(context);
    }
}
