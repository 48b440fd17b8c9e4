using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>
/// Turns a <see cref="CrawlRequest"/> into a <see cref="CrawlPlan"/>, or says precisely what is wrong.
/// No option silently falls back to a default: a value that is present must be valid.
/// </summary>
public sealed class CrawlRequestValidator(IOptions<CrawlLimitsOptions> limits)
{
    public bool TryValidate(CrawlRequest request, out CrawlPlan plan, out string problem)
    {
        var options = limits.Value;
        var requestOptions = request.Options ?? new CrawlOptions();
        plan = null!;

        if (request.Urls is null)
        {
            problem = "urls is required.";
            return false;
        }

        if (request.Urls.Count == 0 || request.Urls.Count > options.MaxUrls)
        {
            problem = $"urls must contain between 1 and {options.MaxUrls} URLs; it has {request.Urls.Count}.";
            return false;
        }

        var targets = new List<CrawlTarget>(request.Urls.Count);
        for (var i = 0; i < request.Urls.Count; i++)
        {
            if (!UrlNormalizer.TryNormalize(request.Urls[i], options.MaxUrlLength, out var url, out var urlProblem))
            {
                problem = $"urls[{i}] {urlProblem}.";
                return false;
            }

            targets.Add(new CrawlTarget(request.Urls[i], url));
        }

        if (requestOptions.Concurrency is { } concurrency && (concurrency < 1 || concurrency > options.MaxConcurrency))
        {
            problem = $"options.concurrency must be between 1 and {options.MaxConcurrency}.";
            return false;
        }

        if (CacheModeExtensions.Parse(requestOptions.CacheMode) is not { } cacheMode)
        {
            problem = $"options.cache_mode '{requestOptions.CacheMode}' is not one of read_write, read_only, write_only, bypass (or the aliases enabled, disabled).";
            return false;
        }

        if (requestOptions.CacheTtlSeconds is { } ttl && (ttl < 1 || ttl > options.MaxCacheTtlSeconds))
        {
            problem = $"options.cache_ttl_seconds must be between 1 and {options.MaxCacheTtlSeconds}.";
            return false;
        }

        if (requestOptions.TimeoutMs is { } timeout && (timeout < 100 || timeout > options.MaxTimeoutMs))
        {
            problem = $"options.timeout_ms must be between 100 and {options.MaxTimeoutMs}.";
            return false;
        }

        plan = new CrawlPlan(
            targets,
            requestOptions.Concurrency ?? Math.Min(options.DefaultConcurrency, options.MaxConcurrency),
            cacheMode,
            TimeSpan.FromSeconds(requestOptions.CacheTtlSeconds ?? options.DefaultCacheTtlSeconds),
            TimeSpan.FromMilliseconds(requestOptions.TimeoutMs ?? options.DefaultTimeoutMs));
        problem = string.Empty;
        return true;
    }
}
