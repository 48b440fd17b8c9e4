using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using RipTide.Extractor.Extraction;
using RipTide.Extractor.Options;
using RipTide.Extractor.Telemetry;
using RipTide.LiveMetrics;
using RipTide.Sandbox;
using RipTide.ServiceDefaults.Memory;
using RipTide.ServiceDefaults.Options;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Extractor;

public static class ExtractorServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddExtraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ExtractorOptions>();
        builder.Services.AddPerformanceProfile();
        // An unset pool size comes from the performance profile (×2 / ×4 / ×1 the CPU count).
        builder.Services.AddValidatedOptions<WasmSandboxOptions>()
            .PostConfigure<PerformanceProfile>((sandbox, profile) => sandbox.PoolSize = sandbox.PoolSize > 0 ? sandbox.PoolSize : Math.Min(256, profile.ExtractorPoolSize));
        builder.Services.AddSingleton<ExtractorMetrics>();
        builder.Services.AddSingleton<WasmSandbox>();
        builder.Services.AddSingleton<IIdleTrim>(services => services.GetRequiredService<WasmSandbox>());
        builder.Services.AddHostedService<WasmSandboxWarmup>();
        builder.Services.AddSingleton<AngleSharpExtractor>();
        builder.Services.AddSingleton<CssSchemaExtractor>();
        builder.Services.AddSingleton<ExtractionService>();
        builder.AddDashboardPublisher<ExtractorSnapshotSource>();
        // Every request carries a page of ~100 KB, read 4 KB at a time. Kestrel's default first waits for data with
        // a zero-byte read before each of those reads (sparing idle connections a buffer), which doubled the
        // Extractor's system calls per page; its callers are the Api's few pooled connections, never idle crowds.
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
        return builder;
    }
}
