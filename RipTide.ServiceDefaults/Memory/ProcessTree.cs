using System.Globalization;

namespace RipTide.ServiceDefaults.Memory;

/// <summary>
/// Processes and their descendants, and what they hold in memory, read from /proc (Linux). A service that
/// starts other processes (a browser) answers for their memory too; the bench measures such trees.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every live process id with its parent's.</summary>
    public static Dictionary<int, int> Parents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        return parents;
    }

    /// <summary><paramref name="roots"/> and all their descendants.</summary>
    public static HashSet<int> WithDescendants(IEnumerable<int> roots, IReadOnlyDictionary<int, int>? parents = null)
    {
        parents ??= Parents();
        var tree = new HashSet<int>(roots);
        // Repeat until no process joins: trees are a few levels deep.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }

        return tree;
    }

    /// <summary>
    /// Proportional resident bytes (PSS) of the processes together: a page shared by n processes counts 1/n in
    /// each, so the sum is what the tree really holds. Summed RSS would count shared code (a browser's, several
    /// hundred MB) once per process.
    /// </summary>
    public static long ProportionalBytes(IEnumerable<int> pids) => pids.Sum(ProportionalBytes);

    /// <summary>The <c>Pss:</c> line of /proc/PID/smaps_rollup, in bytes (0 when the process is gone).</summary>
    public static long ProportionalBytes(int pid)
    {
        foreach (var line in Read($"/proc/{pid}/smaps_rollup").Split('\n'))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
            {
                return kilobytes * 1024;
            }
        }

        return 0;
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments separated by NUL (empty when it is gone).</summary>
    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline");

    private static int? ParentOf(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
        var stat = Read($"/proc/{pid}/stat");
        var end = stat.LastIndexOf(')');
        var fields = end < 0 ? [] : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
