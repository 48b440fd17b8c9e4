using System.Globalization;

namespace RipTide.Tests.App;

/// <summary>The Chromium processes of this test run's Renderer, found by the switch the Renderer marks its browsers with and by its environment.</summary>
public static class RendererProcesses
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The switch RipTide.Renderer launches every browser with (ChromiumProcesses.MarkerSwitch).</summary>
    private const string MarkerSwitch = "--riptide-browser=";

    /// <summary>PIDs of browser processes (those started with the marker) whose environment <paramref name="isOurs"/> accepts.</summary>
    public static List<int> Browsers(Func<string, bool> isOurs)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(MarkerSwitch, StringComparison.Ordinal)
                    && isOurs(File.ReadAllText(Path.Combine(directory, "environ"))))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked.
            }
        }

        return found;
    }

    /// <summary>SIGKILLs them, as the OOM killer or a crash would; returns how many.</summary>
    public static int Kill(IEnumerable<int> pids)
    {
        var killed = 0;
        foreach (var pid in pids)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                killed++;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
            }
        }

        return killed;
    }
}
