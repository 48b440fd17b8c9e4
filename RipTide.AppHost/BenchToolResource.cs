using System.Reflection;

namespace RipTide.AppHost;

/// <summary>Tells the dashboard where the bench tool is built, so its "load and tune" page can run it.</summary>
public static class BenchToolResource
{
    /// <summary>Recorded at build time from the bench project itself (RipTide.AppHost.csproj, RecordBenchToolPath).</summary>
    private const string ToolPathMetadata = "RipTide.BenchToolPath";

    public static IResourceBuilder<ProjectResource> WithBenchTool(this IResourceBuilder<ProjectResource> dashboard)
    {
        var tool = typeof(BenchToolResource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ToolPathMetadata)?.Value;
        if (string.IsNullOrEmpty(tool))
        {
            throw new InvalidOperationException($"The AppHost was built without {ToolPathMetadata}; build it with its project file.");
        }

        return dashboard.WithEnvironment("RipTide__Bench__ToolPath", tool);
    }
}
