using RipTide.Extractor.Extraction;
using RipTide.Extractor.Options;
using RipTide.Extractor.Sandbox;
using RipTide.Extractor.Telemetry;

using RipTide.ServiceDefaults.Options;

namespace RipTide.Extractor;

public static class ExtractorServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddExtraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ExtractorOptions>();
        builder.Services.AddValidatedOptions<WasmSandboxOptions>();
        builder.Services.AddSingleton<ExtractorMetrics>();
        builder.Services.AddSingleton<WasmSandbox>();
        builder.Services.AddHostedService<WasmSandboxWarmup>();
        builder.Services.AddSingleton<AngleSharpExtractor>();
        builder.Services.AddSingleton<CssSchemaExtractor>();
        builder.Services.AddSingleton<ExtractionService>();
        return builder;
    }
}
