using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RipTide.Extractor.Telemetry;

/// <summary>The Extractor's instruments; the single source for OpenTelemetry and the dashboard.</summary>
public sealed class ExtractorMetrics
{
    public const string MeterName = "RipTide.Extractor";
    public const string EngineTag = "engine";
    public const string OutcomeTag = "outcome";

    private readonly Counter<long> _extractions;
    private readonly Histogram<double> _duration;

    public ExtractorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _extractions = meter.CreateCounter<long>("riptide.extraction.count", unit: "{document}", description: "Documents extracted.");
        _duration = meter.CreateHistogram<double>("riptide.extraction.duration", unit: "s", description: "Time to extract one document.");
    }

    public void Record(string engine, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { EngineTag, engine }, { OutcomeTag, outcome } };
        _extractions.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
