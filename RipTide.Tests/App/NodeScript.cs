using System.Diagnostics;
using System.Text.Json;
using RipTide.AppHost.Cache;

namespace RipTide.Tests.App;

/// <summary>Runs a script of bench/clients with Node.js, as a user of another language would run a client.</summary>
public static class NodeScript
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "bench", "clients");

    /// <summary>Runs <paramref name="script"/> and parses what it printed; a non-zero exit fails the test with its stderr.</summary>
    public static async Task<JsonDocument> RunAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        var node = CacheServerSelector.FindOnPath("node") ?? CacheServerSelector.FindOnPath("nodejs");
        Assert.True(node is not null, "Node.js is required for this test; scripts/test.sh installs it (apt-get install nodejs) when run as root.");

        var start = new ProcessStartInfo(node!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} {string.Join(' ', start.ArgumentList.Skip(1))} did not finish within {limit}.");
        }

        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output);
    }
}
