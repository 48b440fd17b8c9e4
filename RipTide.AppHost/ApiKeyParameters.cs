namespace RipTide.AppHost;

/// <summary>
/// The gateway's keys as secret Aspire parameters, <c>api-keys</c> and <c>admin-keys</c> (each one string of
/// keys separated by commas), set with <c>dotnet user-secrets set Parameters:api-keys …</c> or the
/// <c>Parameters__api-keys</c> environment variable. Only a parameter that has a value is added: an unset
/// one would make the AppHost stop and ask, and a system without keys is open, as in development.
/// </summary>
public static class ApiKeyParameters
{
    public const string ApiKeys = "api-keys";
    public const string AdminKeys = "admin-keys";

    public static IResourceBuilder<ProjectResource> WithApiKeys(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> dashboard)
    {
        var builder = gateway.ApplicationBuilder;
        if (!IsSet(builder, ApiKeys) && !IsSet(builder, AdminKeys))
        {
            Console.WriteLine("RipTide: WARNING no api-keys or admin-keys parameter is set: the gateway is open, admin routes included " +
                "(cache invalidation and warming, pool reset, metrics). Fine on a development machine; anywhere else set both " +
                "(dotnet user-secrets set Parameters:admin-keys …, see the README).");
        }
        else
        {
            // A gateway that asks for keys must not be reachable without one through the dashboard's actions.
            dashboard.WithEnvironment("RipTide__Dashboard__RequireLogin", "true");
        }

        if (IsSet(builder, ApiKeys))
        {
            gateway.WithEnvironment("RipTide__Gateway__Access__ApiKeys", builder.AddParameter(ApiKeys, secret: true));
        }

        if (IsSet(builder, AdminKeys))
        {
            var adminKeys = builder.AddParameter(AdminKeys, secret: true);
            gateway.WithEnvironment("RipTide__Gateway__Access__AdminKeys", adminKeys);
            // The dashboard's actions include admin routes. It gets the same secret, presents its first key,
            // and signs operators in with any of them.
            dashboard.WithEnvironment("RipTide__Dashboard__Gateway__Key", adminKeys);
        }

        return gateway;
    }

    private static bool IsSet(IDistributedApplicationBuilder builder, string name) =>
        !string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"]);
}
