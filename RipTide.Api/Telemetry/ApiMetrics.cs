using System.Diagnostics.Metrics;
using System.Diagnostics;
using RipTide.Net;

namespace RipTide.Api.Telemetry;

/// <summary>
/// The Api's instruments: the single source for OpenTelemetry, /metrics and the dashboard snapshots
/// (which <see cref="ReplicaMetricsCollector"/> reads back with a MeterListener).
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "RipTide.Api";
    public const string RequestsName = "riptide.api.requests";
    public const string RequestDurationName = "riptide.api.request.duration";
    public const string UrlsName = "riptide.crawl.urls";
    public const string UrlDurationName = "riptide.crawl.url.duration";
    public const string CacheLookupsName = "riptide.cache.lookups";
    public const string GateDecisionsName = "riptide.gate.decisions";
    public const string FetchesName = "riptide.fetch.requests";
    public const string FetchBytesName = "riptide.fetch.bytes";
    public const string FetchDurationName = "riptide.fetch.duration";
    public const string ErrorsName = "riptide.crawl.errors";
    public const string RobotsRefusalsName = "riptide.politeness.robots_refusals";
    public const string BackoffsName = "riptide.politeness.backoffs";

    public const string ConnectionsOpenName = "riptide.fetch.connections.open";
    public const string HostConnectionsOpenName = "riptide.fetch.host.connections.open";

    public const string EndpointTag = "endpoint";
    public const string HostTag = "host";
    public const string StatusCodeTag = "http.response.status_code";
    public const string OutcomeTag = "outcome";
    public const string CacheStatusTag = "cache_status";
    public const string WarmingTag = "warming";
    public const string DecisionTag = "decision";
    public const string EscalationTag = "escalation";
    public const string HostClassTag = "host_class";
    public const string ErrorTypeTag = "error_type";
    public const string Success = "success";
    public const string Failure = "failure";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _urls;
    private readonly Histogram<double> _urlDuration;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _gateDecisions;
    private readonly Counter<long> _renders;
    private readonly Histogram<double> _renderDuration;
    private readonly Counter<long> _fetches;
    private readonly Counter<long> _fetchBytes;
    private readonly Histogram<double> _fetchDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _robotsRefusals;
    private readonly Counter<long> _backoffs;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>(RequestsName, unit: "{request}", description: "Crawl API requests answered.");
        _requestDuration = Meter.CreateHistogram<double>(RequestDurationName, unit: "s", description: "Time to answer a crawl API request.");
        _urls = Meter.CreateCounter<long>(UrlsName, unit: "{url}", description: "URLs processed, by outcome and cache status.");
        _urlDuration = Meter.CreateHistogram<double>(UrlDurationName, unit: "s", description: "Time to process one URL.");
        _cacheLookups = Meter.CreateCounter<long>(CacheLookupsName, unit: "{lookup}", description: "Cache lookups by result (hit, miss, bypass, write_only, unavailable).");
        _renders = Meter.CreateCounter<long>("riptide.render.requested", unit: "{page}", description: "Pages sent to the Renderer, by reason and outcome.");
        _renderDuration = Meter.CreateHistogram<double>("riptide.render.request.duration", unit: "s", description: "Time for the Renderer to answer, as the Api waits for it.");
        _gateDecisions = Meter.CreateCounter<long>(GateDecisionsName, unit: "{page}", description: "Gate decisions, with the escalation recorded when there was one.");
        _fetches = Meter.CreateCounter<long>(FetchesName, unit: "{request}", description: "Page fetches by host class and outcome.");
        _fetchBytes = Meter.CreateCounter<long>(FetchBytesName, unit: "By", description: "Body bytes fetched, by host class.");
        _fetchDuration = Meter.CreateHistogram<double>(FetchDurationName, unit: "s", description: "Time to fetch one page, by host class.");
        _errors = Meter.CreateCounter<long>(ErrorsName, unit: "{error}", description: "Per-URL errors by type.");
        _robotsRefusals = Meter.CreateCounter<long>(RobotsRefusalsName, unit: "{url}", description: "URLs not fetched because of robots.txt.");
        _backoffs = Meter.CreateCounter<long>(BackoffsName, unit: "{response}", description: "429/503 answers that made a host wait.");
    }

    public Meter Meter { get; }

    public void RecordRequest(string endpoint, int statusCode, TimeSpan elapsed)
    {
        var tags = new TagList { { EndpointTag, endpoint }, { StatusCodeTag, statusCode } };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void RecordUrl(string? errorType, string cacheStatus, bool warming, TimeSpan elapsed)
    {
        var tags = new TagList { { OutcomeTag, errorType is null ? Success : Failure }, { CacheStatusTag, cacheStatus }, { WarmingTag, warming } };
        _urls.Add(1, tags);
        _urlDuration.Record(elapsed.TotalSeconds, tags);
        _cacheLookups.Add(1, new TagList { { CacheStatusTag, cacheStatus }, { WarmingTag, warming } });
        if (errorType is not null)
        {
            _errors.Add(1, new TagList { { ErrorTypeTag, errorType } });
        }
    }

    /// <summary>A page sent to the Renderer: why, and its outcome (<c>ok</c> or the error type).</summary>
    public void RecordRender(string reason, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "reason", reason }, { OutcomeTag, outcome } };
        _renders.Add(1, tags);
        _renderDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void RecordGate(string decision, string? escalation) =>
        _gateDecisions.Add(1, new TagList { { DecisionTag, decision }, { EscalationTag, escalation ?? "none" } });

    public void RecordFetch(string hostClass, string? errorType, long bytes, TimeSpan elapsed)
    {
        var tags = new TagList { { HostClassTag, hostClass }, { OutcomeTag, errorType ?? Success } };
        _fetches.Add(1, tags);
        _fetchBytes.Add(bytes, new TagList { { HostClassTag, hostClass } });
        _fetchDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>
    /// Connection pool gauges: open connections in total, and per host for the busiest hosts only, so that
    /// a crawl over many sites cannot explode the number of series.
    /// </summary>
    public void ObserveConnectionPool(ConnectionTracker connections, int maxHostSeries = 20)
    {
        Meter.CreateObservableGauge(ConnectionsOpenName, () => connections.OpenConnections, unit: "{connection}", description: "Open fetch connections, all hosts.");
        Meter.CreateObservableGauge(
            HostConnectionsOpenName,
            () => connections.Snapshot()
                .Where(host => host.Value.Open > 0)
                .OrderByDescending(host => host.Value.Open)
                .Take(maxHostSeries)
                .Select(host => new Measurement<int>(host.Value.Open, new KeyValuePair<string, object?>(HostTag, host.Key))),
            unit: "{connection}",
            description: "Open fetch connections of the busiest hosts.");
    }

    public void RecordRobotsRefusal() => _robotsRefusals.Add(1);

    public void RecordBackoff() => _backoffs.Add(1);
}
