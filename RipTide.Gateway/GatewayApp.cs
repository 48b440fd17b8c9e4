using RipTide.Http;
using RipTide.ServiceDefaults;

namespace RipTide.Gateway;

/// <summary>The gateway as a buildable application, so that tests can run the real pipeline on a port of their own.</summary>
public static class GatewayApp
{
    /// <param name="args">The command line, as for any ASP.NET Core application.</param>
    /// <param name="logs">An extra log sink, for tests that check what the gateway says.</param>
    public static WebApplication Create(string[] args, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddServiceDefaults();
        builder.Services.AddRipTideHttp();
        builder.AddEdgePolicies();
        builder.AddApiProxy();

        var app = builder.Build();

        app.UseExceptionHandler();
        // /health is forwarded to the Api copies (the gateway is ready when one of them is); /alive stays local.
        app.MapDefaultEndpoints(mapReadiness: false);
        app.MapApiProxy();
        return app;
    }
}
