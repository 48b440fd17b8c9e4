using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RipTide.Extractor.Telemetry;

/// <summary>The Extractor's instruments; the single source for OpenTelemetry and the dashboard.</summary>
public sealed class ExtractorMetrics
{
    public const string MeterName = "RipTide.Extractor";
    public const string ExtractionsName = "riptide.extraction.count";
    public const string DurationName = "riptide.extraction.duration";
    public const string OutcomeOk = "ok";
    public const string EngineTag = "engine";
    public const string OutcomeTag = "outcome";

    public const string KindTag = "kind";

    private readonly Counter<long> _extractions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _sandboxFailures;
    private readonly Histogram<long> _guestMemory;

    public ExtractorMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        var meter = Meter;
        _extractions = meter.CreateCounter<long>(ExtractionsName, unit: "{document}", description: "Documents extracted.");
        _duration = meter.CreateHistogram<double>(DurationName, unit: "s", description: "Time to extract one document.");
        _sandboxFailures = meter.CreateCounter<long>("riptide.wasm.failures", unit: "{failure}", description: "Sandbox calls that trapped, timed out or ran out of memory.");
        _guestMemory = meter.CreateHistogram<long>("riptide.wasm.memory", unit: "By", description: "Guest linear memory after each extraction.");
    }

    public Meter Meter { get; }

    public void Record(string engine, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { EngineTag, engine }, { OutcomeTag, outcome } };
        _extractions.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void RecordSandboxFailure(string kind) => _sandboxFailures.Add(1, new KeyValuePair<string, object?>(KindTag, kind));

    public void RecordGuestMemory(long bytes) => _guestMemory.Record(bytes);
}
