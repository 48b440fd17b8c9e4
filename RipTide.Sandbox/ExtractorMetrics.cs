using System.Diagnostics;
using System.Diagnostics.Metrics;
using RipTide.Contracts.Extraction;

namespace RipTide.Sandbox;

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
        _extractions = Meter.CreateCounter<long>(ExtractionsName, unit: "{document}", description: "Documents extracted.");
        _duration = Meter.CreateHistogram<double>(DurationName, unit: "s", description: "Time to extract one document.");
        _sandboxFailures = Meter.CreateCounter<long>("riptide.wasm.failures", unit: "{failure}", description: "Sandbox calls that trapped, timed out or ran out of memory.");
        _guestMemory = Meter.CreateHistogram<long>("riptide.wasm.memory", unit: "By", description: "Guest linear memory after each extraction.");
    }

    public Meter Meter { get; }

    public void Record(string engine, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { EngineTag, engine }, { OutcomeTag, outcome } };
        _extractions.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>
    /// The sandbox pool's state as instruments, read from the same counters as <c>/admin/wasm/stats</c> and the
    /// dashboard snapshot, so that all three agree. Nothing is reported while the module is not loaded.
    /// </summary>
    public void ObservePool(Func<WasmPoolStats?> stats)
    {
        Meter.CreateObservableGauge("riptide.wasm.pool.size", () => Observe(stats, s => (long)s.PoolSize), unit: "{slot}", description: "Sandbox slots in the pool.");
        Meter.CreateObservableGauge("riptide.wasm.pool.in_use", () => Observe(stats, s => (long)s.InUse), unit: "{slot}", description: "Slots running an extraction now.");
        Meter.CreateObservableGauge("riptide.wasm.pool.memory", () => Observe(stats, s => s.SlotMemoryBytes.Sum()), unit: "By", description: "Linear memory of all slots.");
        Meter.CreateObservableCounter("riptide.wasm.pool.waits", () => Observe(stats, s => s.Waits), unit: "{call}", description: "Calls that waited for a free slot.");
        Meter.CreateObservableCounter("riptide.wasm.pool.recycles", () => Observe(stats, s => s.Recycles), unit: "{slot}", description: "Slots replaced (memory threshold, call count, failure or reset).");
        Meter.CreateObservableCounter("riptide.wasm.pool.resets", () => Observe(stats, s => s.Resets), unit: "{reset}", description: "Pool resets requested by an operator.");
    }

    private static IEnumerable<Measurement<long>> Observe(Func<WasmPoolStats?> stats, Func<WasmPoolStats, long> value) =>
        stats() is { } current ? [new Measurement<long>(value(current))] : [];

    public void RecordSandboxFailure(string kind) => _sandboxFailures.Add(1, new KeyValuePair<string, object?>(KindTag, kind));

    public void RecordGuestMemory(long bytes) => _guestMemory.Record(bytes);
}
