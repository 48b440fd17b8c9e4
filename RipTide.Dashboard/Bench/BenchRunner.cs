using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using RipTide.Dashboard.Gateway;

namespace RipTide.Dashboard.Bench;

/// <summary>
/// Runs the bench tool (the same one behind docs/BENCHMARKS.md) as a child process, one run at a time for
/// the whole dashboard, and keeps its output for every circuit to show live. The load runs outside the
/// dashboard's process so that it cannot starve the page that reports it; Stop kills the process tree.
/// </summary>
public sealed class BenchRunner(IOptions<BenchOptions> options, IOptions<GatewayAccessOptions> access, IConfiguration configuration, ILogger<BenchRunner> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<string> _output = [];
    private Process? _process;
    private string? _urlsFile;

    /// <summary>Raised when output arrives or a run starts or ends; handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    public bool Running { get; private set; }

    public int? ExitCode { get; private set; }

    public string? Available => File.Exists(options.Value.ToolPath) ? null : "The bench tool is not built next to the AppHost (RipTide:Bench:ToolPath).";

    public IReadOnlyList<string> Output()
    {
        lock (_lock)
        {
            return [.. _output];
        }
    }

    /// <summary>Starts a run; returns a problem in words instead when it cannot.</summary>
    public string? Start(BenchRequest request)
    {
        if ((request.Problem() ?? Available) is { } problem)
        {
            return problem;
        }

        if (GatewayUrl() is not { } gateway)
        {
            return "The gateway's address is not known to the dashboard.";
        }

        lock (_lock)
        {
            if (Running)
            {
                return "A run is in progress; stop it first.";
            }

            DeleteUrlsFile();
            if (!request.UseTestSite)
            {
                _urlsFile = Path.GetTempFileName();
                File.WriteAllLines(_urlsFile, request.Urls);
            }

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (access.Value.FirstKey is { } key)
            {
                // The environment, not the arguments: a key on a command line shows in every process list.
                start.Environment[GatewayAccessOptions.BenchKeyVariable] = key;
            }

            var arguments = request.Arguments(gateway, _urlsFile);
            start.ArgumentList.Add(options.Value.ToolPath);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            _output.Clear();
            _output.Add($"$ RipTide.Bench {string.Join(' ', arguments)}");
            _process?.Dispose();
            _process = new Process { StartInfo = start, EnableRaisingEvents = true };
            _process.OutputDataReceived += (_, line) => Append(line.Data);
            _process.ErrorDataReceived += (_, line) => Append(line.Data);
            _process.Exited += (_, _) => Finish();
            ExitCode = null;
            try
            {
                _process.Start();
            }
            catch (Win32Exception ex)
            {
                DeleteUrlsFile();
                return $"The bench tool could not be started: {ex.Message}";
            }

            Running = true;
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        Changed?.Invoke();
        return null;
    }

    public void Stop()
    {
        lock (_lock)
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
        DeleteUrlsFile();
    }

    private Uri? GatewayUrl() =>
        options.Value.GatewayUrl is { Length: > 0 } configured ? new Uri(configured)
        : configuration["services:gateway:http:0"] is { Length: > 0 } discovered ? new Uri(discovered)
        : null;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.Add(line);
            if (_output.Count > options.Value.MaxOutputLines)
            {
                // The command line stays; the oldest progress lines go.
                _output.RemoveAt(1);
            }
        }

        Changed?.Invoke();
    }

    private void Finish()
    {
        // Exited can fire before the last output lines are read: wait for the streams to drain (outside the
        // lock, which the output handlers take).
        var process = _process;
        process?.WaitForExit();
        lock (_lock)
        {
            ExitCode = process?.ExitCode;
            Running = false;
            DeleteUrlsFile();
        }

        BenchLog.Finished(logger, ExitCode);
        Changed?.Invoke();
    }

    private void DeleteUrlsFile()
    {
        if (_urlsFile is not null)
        {
            File.Delete(_urlsFile);
            _urlsFile = null;
        }
    }
}

internal static partial class BenchLog
{
    [LoggerMessage(2001, LogLevel.Information, "The bench tool finished with exit code {ExitCode}")]
    public static partial void Finished(ILogger logger, int? exitCode);
}
