using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RipTide.ServiceDefaults;

/// <summary>OpenTelemetry logs, metrics and traces; exported over OTLP when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>Every RipTide meter and activity source is named "RipTide.*", so one wildcard covers them.</summary>
    public const string RipTideSources = "RipTide.*";

    /// <summary>Share of traces kept (0–1, default 1): at hundreds of requests per second, exporting every trace costs more CPU than serving them.</summary>
    public const string TraceSampleRatioKey = "RipTide:Telemetry:TraceSampleRatio";

    public static TBuilder AddRipTideTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(RipTideSources)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // Parent-based: the edge decides once per request, and every service downstream follows.
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(TraceSampleRatio(builder))))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(RipTideSources)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes arrive every few seconds from the AppHost and the gateway: not worth a trace.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
                        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    private static double TraceSampleRatio(IHostApplicationBuilder builder)
    {
        var raw = builder.Configuration[TraceSampleRatioKey];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1.0;
        }

        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"{TraceSampleRatioKey} is '{raw}'; it must be a number from 0 to 1.");
    }
}
