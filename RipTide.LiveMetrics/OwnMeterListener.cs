using System.Diagnostics.Metrics;

namespace RipTide.LiveMetrics;

/// <summary>
/// A <see cref="MeterListener"/> on one service's own meter, so that its dashboard snapshot is read from the
/// same instruments OpenTelemetry exports. Callbacks are set by the caller before <c>Start()</c>.
/// </summary>
public static class OwnMeterListener
{
    public static MeterListener Create(Meter meter, Func<Instrument, bool>? include = null) => new()
    {
        InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && (include?.Invoke(instrument) ?? true))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        },
    };

    /// <summary>The value of the tag named <paramref name="name"/>, or null.</summary>
    public static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
