using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RipTide.ServiceDefaults.Memory;
using Wasmtime;

namespace RipTide.Sandbox;

/// <summary>
/// Owns the pool, created once. When the module cannot be loaded at all (missing file, a platform
/// without Wasmtime), <see cref="Pool"/> is null and extraction falls back to AngleSharp.
/// </summary>
public sealed class WasmSandbox : IIdleTrim, IDisposable
{
    private readonly Lazy<WasmPool?> _pool;

    public WasmSandbox(IOptions<WasmSandboxOptions> options, IHostEnvironment environment, ExtractorMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger<WasmSandbox>();
        _pool = new Lazy<WasmPool?>(() =>
        {
            try
            {
                return new WasmPool(options, environment, metrics, loggers.CreateLogger<WasmPool>());
            }
            catch (Exception ex) when (ex is IOException or WasmtimeException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
            {
                SandboxLog.SandboxUnavailable(logger, ex);
                return null;
            }
        });
        // Observing must not load the module: until something has asked for the pool there is nothing to report.
        metrics.ObservePool(() => _pool.IsValueCreated ? _pool.Value?.Stats() : null);
    }

    public WasmPool? Pool => _pool.Value;

    /// <summary>Idle slots that grew are replaced by fresh ones, whose memory is small again.</summary>
    public void TrimIdle()
    {
        if (_pool.IsValueCreated)
        {
            _pool.Value?.TrimIdle();
        }
    }

    public void Dispose()
    {
        if (_pool.IsValueCreated)
        {
            _pool.Value?.Dispose();
        }
    }
}

/// <summary>Loads the module and fills the pool at start, so the first request does not pay for it.</summary>
public sealed class WasmSandboxWarmup(WasmSandbox sandbox) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = sandbox.Pool;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
