using System.Diagnostics;
using RipTide.Contracts;

namespace RipTide.AppHost;

/// <summary>
/// The Renderer (headless Chromium) as an internal resource, started only where Chromium is installed
/// (<c>RipTide:Renderer:ExecutablePath</c>, default Debian's <c>/usr/bin/chromium</c>). Only the Api copies
/// reach it; the gateway does not route to it.
/// </summary>
public static class RendererResource
{
    public const string ExecutablePathKey = "RipTide:Renderer:ExecutablePath";
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    public static void AddRendererIfChromium(
        this IDistributedApplicationBuilder builder, IReadOnlyList<IResourceBuilder<ProjectResource>> apis, IResourceBuilder<ProjectResource> dashboard)
    {
        var chromium = builder.Configuration[ExecutablePathKey] is { Length: > 0 } configured ? configured : DefaultExecutablePath;
        if (!File.Exists(chromium))
        {
            Console.WriteLine($"RipTide: renderer = none ({chromium} not found; install it with `apt-get install chromium` to render script-built pages). " +
                "Pages the gate sends to a browser are extracted from their static HTML (gate_escalation: headless_unavailable).");
            return;
        }

        Console.WriteLine($"RipTide: renderer = chromium {Version(chromium)}");
        var renderer = builder.AddInternalProject<Projects.RipTide_Renderer>(ResourceNames.Renderer)
            .WithEnvironment(SettingNames.EnvironmentVariable(SettingNames.Replica), ResourceNames.Renderer)
            .WithEnvironment("RipTide__Renderer__ExecutablePath", chromium)
            .WithReference(dashboard);
        foreach (var api in apis)
        {
            api.WithReference(renderer);
        }
    }

    /// <summary>What <c>chromium --version</c> says, without its name ("156.0.8078.114"), or "unknown version".</summary>
    private static string Version(string chromium)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(chromium, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return "unknown version";
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!output.Wait(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
                return "unknown version";
            }

            var words = output.Result.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.FirstOrDefault(w => w.Length > 0 && char.IsDigit(w[0])) ?? "unknown version";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown version";
        }
    }
}
