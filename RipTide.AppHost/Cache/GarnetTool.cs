using System.Diagnostics;
using System.Text.Json;

namespace RipTide.AppHost.Cache;

/// <summary>
/// Garnet comes from the repository's .NET tool manifest (.config/dotnet-tools.json). The AppHost
/// restores it, then runs the server assembly directly with <c>dotnet exec</c>: <c>dotnet tool run</c>
/// would add a wrapper process that DCP could stop while the server itself lived on.
/// </summary>
public static class GarnetTool
{
    public const string PackageId = "garnet-server";
    public const string ManifestPath = ".config/dotnet-tools.json";

    public static string RestoreAndLocate(string repositoryRoot)
    {
        var manifest = Path.Combine(repositoryRoot, ManifestPath);
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"The tool manifest {manifest} is missing; it pins {PackageId}.");
        }

        var version = ReadVersion(manifest);
        RunToolRestore(repositoryRoot);

        var packageFolder = Path.Combine(GlobalPackagesFolder(), PackageId, version, "tools");
        var assembly = Directory.Exists(packageFolder)
            ? Directory.GetFiles(packageFolder, "GarnetServer.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return assembly ?? throw new InvalidOperationException(
            $"{PackageId} {version} was restored but GarnetServer.dll was not found under {packageFolder}.");
    }

    private static string ReadVersion(string manifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.GetProperty("tools").GetProperty(PackageId).GetProperty("version").GetString()
            ?? throw new InvalidOperationException($"{manifest} names no version of {PackageId}.");
    }

    private static void RunToolRestore(string repositoryRoot)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "restore"])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet tool restore'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("'dotnet tool restore' did not finish within 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet tool restore' failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
