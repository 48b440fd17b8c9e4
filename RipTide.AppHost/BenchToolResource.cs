using System.Reflection;

namespace RipTide.AppHost;

/// <summary>Tells the dashboard where the bench tool is built, so its "load and tune" page can run it.</summary>
public static class BenchToolResource
{
    public static IResourceBuilder<ProjectResource> WithBenchTool(this IResourceBuilder<ProjectResource> dashboard)
    {
        // The AppHost builds the bench project (it references it), with its own configuration.
        var configuration = typeof(BenchToolResource).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.GetDirectoryName(new Projects.RipTide_Bench().ProjectPath)!;
        var tool = Path.Combine(project, "bin", configuration, "net10.0", "RipTide.Bench.dll");
        return dashboard.WithEnvironment("RipTide__Bench__ToolPath", tool);
    }
}
