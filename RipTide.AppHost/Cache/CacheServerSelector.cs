using System.Diagnostics;

namespace RipTide.AppHost.Cache;

/// <summary>
/// Chooses the cache server at start: a container engine that answers → a Redis container; else
/// redis-server on PATH; else Garnet. <c>RipTide:Cache:Server</c> (container | redis-server | garnet)
/// forces the choice.
/// </summary>
public static class CacheServerSelector
{
    public const string ConfigurationKey = "RipTide:Cache:Server";

    public static CacheServerKind Choose(string? forced, Func<bool> containerEngineAnswers, Func<string, string?> findOnPath)
    {
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return Parse(forced);
        }

        if (containerEngineAnswers())
        {
            return CacheServerKind.Container;
        }

        return findOnPath("redis-server") is not null ? CacheServerKind.RedisServer : CacheServerKind.Garnet;
    }

    public static CacheServerKind Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "container" => CacheServerKind.Container,
        "redis-server" => CacheServerKind.RedisServer,
        "garnet" => CacheServerKind.Garnet,
        _ => throw new InvalidOperationException(
            $"{ConfigurationKey} is '{value}'; use container, redis-server or garnet (or leave it empty to choose automatically)."),
    };

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// True when the container runtime Aspire would use answers <c>info</c>. A client without an engine
    /// fails within milliseconds; the timeout only bounds a hung engine.
    /// </summary>
    public static bool ContainerEngineAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME")
            ?? "docker";
        if (FindOnPath(runtime) is not { } executable)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
