using RipTide.Contracts;

namespace RipTide.AppHost;

/// <summary>The wiring of RipTide's services, kept out of Program.cs so that it reads as the system's outline.</summary>
public static class RipTideResourceExtensions
{
    public const string ApiReplicasKey = "RipTide:Api:Replicas";
    public const string ExtractorReplicasKey = "RipTide:Extractor:Replicas";
    public const int MaxApiReplicas = 16;
    public const int MaxExtractorReplicas = 16;

    /// <summary>How many Api copies to start; a bad value stops the AppHost with a clear message.</summary>
    public static int ApiReplicas(this IDistributedApplicationBuilder builder) => Replicas(builder, ApiReplicasKey, fallback: 2, MaxApiReplicas);

    /// <summary>How many Extractor copies to start (default one); a bad value stops the AppHost with a clear message.</summary>
    public static int ExtractorReplicas(this IDistributedApplicationBuilder builder) => Replicas(builder, ExtractorReplicasKey, fallback: 1, MaxExtractorReplicas);

    private static int Replicas(IDistributedApplicationBuilder builder, string key, int fallback, int max)
    {
        var raw = builder.Configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, out var count) && count >= 1 && count <= max
            ? count
            : throw new InvalidOperationException($"{key} is '{raw}'; it must be a whole number from 1 to {max}.");
    }

    /// <summary>
    /// The Extractor copies: the first is <c>extractor</c>, further ones <c>extractor-1</c>, <c>extractor-2</c>, ….
    /// Named copies rather than WithReplicas(N), for the reason given at <see cref="AddApiCopies"/>; the Api
    /// balances over them per request through service discovery (<see cref="WithExtractors"/>).
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddExtractorCopies(
        this IDistributedApplicationBuilder builder, int count, IResourceBuilder<ProjectResource> dashboard)
    {
        return [.. Enumerable.Range(0, count).Select(index =>
        {
            var name = ResourceNames.ExtractorCopy(index);
            return builder.AddInternalProject<Projects.RipTide_Extractor>(name)
                .WithEnvironment(SettingNames.EnvironmentVariable(SettingNames.Replica), name)
                .WithReference(dashboard);
        })];
    }

    /// <summary>
    /// Every Extractor copy as an endpoint of the one service name <c>extractor</c>
    /// (<c>services__extractor__http__{i}</c>): service discovery picks one per request, round robin.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithExtractors(this IResourceBuilder<ProjectResource> api, IReadOnlyList<IResourceBuilder<ProjectResource>> extractors)
    {
        for (var index = 0; index < extractors.Count; index++)
        {
            api.WithEnvironment($"services__{ResourceNames.Extractor}__http__{index}", extractors[index].GetEndpoint("http")).WaitFor(extractors[index]);
        }

        return api;
    }

    /// <summary>Settings that only make sense system-wide: set once on the AppHost, passed to every project.</summary>
    public static readonly string[] SharedSettings = ["RipTide:Telemetry:TraceSampleRatio", "RipTide:Performance:Profile", "RipTide:Politeness:PerHostConcurrency"];

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
        IReadOnlyList<IResourceBuilder<ProjectResource>> extractors,
        IResourceBuilder<ProjectResource> dashboard)
    {
        return [.. Enumerable.Range(0, count).Select(index =>
        {
            var name = ResourceNames.ApiCopy(index);
            return builder.AddInternalProject<Projects.RipTide_Api>(name)
                .WithEnvironment(SettingNames.EnvironmentVariable(SettingNames.Replica), name)
                .WithReference(cache).WaitFor(cache)
                .WithExtractors(extractors)
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
