using RipTide.Contracts;

namespace RipTide.AppHost;

/// <summary>The wiring of RipTide's services, kept out of Program.cs so that it reads as the system's outline.</summary>
public static class RipTideResourceExtensions
{
    public const string ApiReplicasKey = "RipTide:Api:Replicas";
    public const int MaxApiReplicas = 16;

    /// <summary>How many Api copies to start; a bad value stops the AppHost with a clear message.</summary>
    public static int ApiReplicas(this IDistributedApplicationBuilder builder)
    {
        var raw = builder.Configuration[ApiReplicasKey];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 2;
        }

        return int.TryParse(raw, out var count) && count is >= 1 and <= MaxApiReplicas
            ? count
            : throw new InvalidOperationException($"{ApiReplicasKey} is '{raw}'; it must be a whole number from 1 to {MaxApiReplicas}.");
    }

    /// <summary>Settings that only make sense system-wide: set once on the AppHost, passed to every project.</summary>
    public static readonly string[] SharedSettings = ["RipTide:Telemetry:TraceSampleRatio", "RipTide:Performance:Profile"];

    /// <summary>
    /// Passes each of <see cref="SharedSettings"/> that is set on the AppHost to every project, so that one
    /// switch (e.g. <c>--RipTide:Performance:Profile=high_throughput</c>) applies to the Api copies and the
    /// Extractor alike, and trace sampling is decided once at the gateway and followed downstream.
    /// </summary>
    public static void ForwardSharedSettings(this IDistributedApplicationBuilder builder)
    {
        foreach (var key in SharedSettings)
        {
            if (builder.Configuration[key] is not { Length: > 0 } value)
            {
                continue;
            }

            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
            {
                builder.CreateResourceBuilder(project).WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
    }

    /// <summary>
    /// Internal services get a dynamic port and no launch profile; the environment name is passed on so
    /// that Development-only settings (such as crawling loopback test sites) follow the AppHost's.
    /// The endpoint is not proxied: each service listens on its DCP-assigned port itself, so a call between
    /// services is one TCP hop, not two through DCP's proxy (which cost 7 % of the box's CPU under cached load).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddInternalProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health");

    /// <summary>
    /// N named Api copies rather than WithReplicas(N): DCP balances replicas per TCP connection, and the
    /// gateway keeps connections alive, so all traffic would stick to one. Named copies are separate
    /// gateway destinations, balanced per request.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddApiCopies(
        this IDistributedApplicationBuilder builder,
        int count,
        IResourceBuilder<IResourceWithConnectionString> cache,
        IResourceBuilder<ProjectResource> extractor,
        IResourceBuilder<ProjectResource> dashboard)
    {
        return [.. Enumerable.Range(0, count).Select(index =>
        {
            var name = ResourceNames.ApiCopy(index);
            return builder.AddInternalProject<Projects.RipTide_Api>(name)
                .WithEnvironment(SettingNames.EnvironmentVariable(SettingNames.Replica), name)
                .WithReference(cache).WaitFor(cache)
                .WithReference(extractor).WaitFor(extractor)
                .WithReference(dashboard).WaitFor(dashboard);
        })];
    }

    /// <summary>The gateway forwards to every Api copy; each copy's name becomes a YARP destination.</summary>
    public static IResourceBuilder<ProjectResource> WithApiDestinations(
        this IResourceBuilder<ProjectResource> gateway, IReadOnlyList<IResourceBuilder<ProjectResource>> apis)
    {
        for (var index = 0; index < apis.Count; index++)
        {
            gateway
                .WithEnvironment($"RipTide__Gateway__ApiDestinations__{index}", apis[index].Resource.Name)
                .WithReference(apis[index]).WaitFor(apis[index]);
        }

        return gateway;
    }
}
