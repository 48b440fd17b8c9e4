namespace RipTide.Contracts.Crawling;

/// <summary>Batch statistics; existing clients read <c>avg_processing_time_ms</c> and <c>cache_hit_rate</c>.</summary>
public sealed record CrawlStatistics(
    double TotalProcessingTimeMs,
    double AvgProcessingTimeMs,
    double P95ProcessingTimeMs,
    double CacheHitRate,
    IReadOnlyDictionary<string, int> GateDecisions,
    long BytesFetched);
