using System.Diagnostics;
using System.Diagnostics.Metrics;

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

    public const string EndpointTag = "endpoint";
    public const string StatusCodeTag = "http.response.status_code";
    public const string OutcomeTag = "outcome";
    public const string CacheStatusTag = "cache_status";
    public const string Success = "success";
    public const string Failure = "failure";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _urls;
    private readonly Histogram<double> _urlDuration;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>(RequestsName, unit: "{request}", description: "Crawl API requests answered.");
        _requestDuration = Meter.CreateHistogram<double>(RequestDurationName, unit: "s", description: "Time to answer a crawl API request.");
        _urls = Meter.CreateCounter<long>(UrlsName, unit: "{url}", description: "URLs processed, by outcome and cache status.");
        _urlDuration = Meter.CreateHistogram<double>(UrlDurationName, unit: "s", description: "Time to process one URL.");
    }

    public Meter Meter { get; }

    public void RecordRequest(string endpoint, int statusCode, TimeSpan elapsed)
    {
        var tags = new TagList { { EndpointTag, endpoint }, { StatusCodeTag, statusCode } };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void RecordUrl(bool succeeded, string cacheStatus, TimeSpan elapsed)
    {
        var tags = new TagList { { OutcomeTag, succeeded ? Success : Failure }, { CacheStatusTag, cacheStatus } };
        _urls.Add(1, tags);
        _urlDuration.Record(elapsed.TotalSeconds, tags);
    }
}
