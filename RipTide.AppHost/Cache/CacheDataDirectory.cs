namespace RipTide.AppHost.Cache;

/// <summary>
/// Where redis-server keeps its append-only file (<c>appendfsync everysec</c>): job state must survive a Redis
/// restart, losing at most the last second. <c>RipTide:Cache:DataDirectory</c> makes it survive AppHost runs
/// too; by default each AppHost run has a folder of its own under the temp directory (two runs on one machine
/// never share a file), and folders left by runs whose process is gone are removed at start.
/// </summary>
public static class CacheDataDirectory
{
    public const string ConfigurationKey = "RipTide:Cache:DataDirectory";
    private const string RunPrefix = "riptide-redis-";

    public static string[] AppendOnlyArgs(IDistributedApplicationBuilder builder) =>
        ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", Prepare(builder.Configuration[ConfigurationKey])];

    private static string Prepare(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return Directory.CreateDirectory(configured).FullName;
        }

        return RunDirectory.Value;
    }

    /// <summary>Made once per AppHost process (a Redis restart in the same run finds its file again), empty at first.</summary>
    private static readonly Lazy<string> RunDirectory = new(() =>
    {
        RemoveAbandoned();
        var path = Path.Combine(Path.GetTempPath(), RunPrefix + Environment.ProcessId);
        if (Directory.Exists(path))
        {
            // A folder of an earlier process that had this PID: its data is not this run's.
            Directory.Delete(path, recursive: true);
        }

        return Directory.CreateDirectory(path).FullName;
    });

    private static void RemoveAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), RunPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(directory)[RunPrefix.Length..], out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or in use: left alone.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
