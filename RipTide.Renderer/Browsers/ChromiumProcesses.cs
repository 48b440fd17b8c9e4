using RipTide.ServiceDefaults.Memory;

namespace RipTide.Renderer.Browsers;

/// <summary>
/// The processes of one launched browser: Playwright does not say which process it started, so each browser is
/// launched with a marker switch (<see cref="MarkerSwitch"/>, ignored by Chromium) and its tree is the process that
/// carries it with every descendant. Used to measure a browser's memory (its recycle trigger) and to make sure
/// nothing of it outlives the service.
/// </summary>
public static class ChromiumProcesses
{
    public const string MarkerSwitch = "--riptide-browser=";

    /// <summary>The browser process and all its descendants (renderers, zygotes, GPU and utility processes).</summary>
    public static IReadOnlyCollection<int> Tree(string marker)
    {
        var parents = ProcessTree.Parents();
        var roots = parents.Keys.Where(pid => ProcessTree.CommandLine(pid).Contains(MarkerSwitch + marker, StringComparison.Ordinal));
        return ProcessTree.WithDescendants(roots, parents);
    }

    /// <summary>What the browser's processes hold together (PSS, see <see cref="ProcessTree.ProportionalBytes(IEnumerable{int})"/>).</summary>
    public static long ResidentBytes(string marker) => ProcessTree.ProportionalBytes(Tree(marker));

    /// <summary>Ends every process of the tree at once (after a clean close, whatever did not go).</summary>
    public static int KillTree(string marker)
    {
        var killed = 0;
        foreach (var pid in Tree(marker))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                killed++;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }

        return killed;
    }
}
