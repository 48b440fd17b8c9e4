using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RipTide.ServiceDefaults.Telemetry;

/// <summary>
/// Logs a one-line performance report per period (default every minute, <c>RipTide:PerformanceLog:IntervalSeconds</c>,
/// 0 turns it off). It listens to the same instruments OpenTelemetry exports: ASP.NET Core's request duration
/// per route, and the crawl pipeline's URL counter for the cache hit rate (client traffic only).
/// </summary>
public sealed partial class PerformanceReporter(IConfiguration configuration, TimeProvider time, ILogger<PerformanceReporter> logger) : BackgroundService
{
    private const string RequestDurationInstrument = "http.server.request.duration";
    private const string CrawlUrlsInstrument = "riptide.crawl.urls";

    private readonly PerformanceWindow _window = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("RipTide:PerformanceLog:IntervalSeconds", 60);
        if (seconds <= 0)
        {
            return;
        }

        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is RequestDurationInstrument or CrawlUrlsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnDuration);
        listener.SetMeasurementEventCallback<long>(OnCount);
        listener.Start();

        var interval = TimeSpan.FromSeconds(seconds);
        using var timer = new PeriodicTimer(interval, time);
        var started = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Report(logger, _window.Drain(time.GetElapsedTime(started)));
                started = time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnDuration(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? method = null, route = null;
        var status = 0;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.request.method":
                    method = tag.Value as string;
                    break;
                case "http.route":
                    route = tag.Value as string;
                    break;
                case "http.response.status_code":
                    status = Convert.ToInt32(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        _window.RecordRequest($"{method} {route ?? "(unrouted)"}", status, value);
    }

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? cacheStatus = null;
        var warming = false;
        foreach (var tag in tags)
        {
            if (tag.Key == "cache_status")
            {
                cacheStatus = tag.Value as string;
            }
            else if (tag.Key == "warming" && tag.Value is true)
            {
                warming = true;
            }
        }

        if (!warming && cacheStatus is "hit" or "miss")
        {
            _window.RecordCacheLookup(cacheStatus == "hit");
        }
    }

    [LoggerMessage(9001, LogLevel.Information, "Performance: {Report}")]
    private static partial void Report(ILogger logger, string report);
}
