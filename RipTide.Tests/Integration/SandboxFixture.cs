using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;
using RipTide.Sandbox;

namespace RipTide.Tests.Integration;

/// <summary>Builds extraction pools over the committed module, with limits chosen per test.</summary>
public static class Sandboxes
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public static WasmSandboxOptions Defaults(string? cacheDirectory = null) => new()
    {
        PoolSize = 2,
        DeadlineMs = 5000,
        CompiledCacheDirectory = cacheDirectory ?? Path.Combine(Path.GetTempPath(), "riptide-tests-wasm-cache"),
    };

    public static WasmPool Pool(WasmSandboxOptions? options = null) =>
        new(Options.Create(options ?? Defaults()), Environment(), Metrics(), NullLogger<WasmPool>.Instance);

    public static WasmSandbox Sandbox(WasmSandboxOptions options) =>
        new(Options.Create(options), Environment(), Metrics(), NullLoggerFactory.Instance);

    public static ExtractorMetrics Metrics() => new(Services.GetRequiredService<IMeterFactory>());

    private static HostingEnvironment Environment() => new() { ContentRootPath = AppContext.BaseDirectory };
}
