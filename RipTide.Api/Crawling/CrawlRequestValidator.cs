using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Api.Crawling;

/// <summary>
/// Turns a <see cref="CrawlRequest"/> into a <see cref="CrawlPlan"/>, or says precisely what is wrong.
/// No option silently falls back to a default: a value that is present must be valid. The css_schema's
/// selectors are checked by the Extractor, which owns the selector engine (see <see cref="CrawlIntake"/>).
/// </summary>
public sealed class CrawlRequestValidator(IOptions<CrawlLimitsOptions> limits, PerformanceProfile profile, IOptions<PolitenessOptions>? politeness = null)
{
    /// <summary>The server's per-host limit, which a request may lower but not raise.</summary>
    public int ServerPerHostConcurrency => politeness?.Value.PerHostConcurrency ?? new PolitenessOptions().PerHostConcurrency;

    public bool TryValidate(CrawlRequest request, [NotNullWhen(true)] out CrawlPlan? plan, out string problem)
    {
        plan = null;
        if (!TryValidateUrls(request.Urls, limits.Value, out var targets, out problem) || !TryValidateOptions(request.Options, out var settings, out problem))
        {
            return false;
        }

        plan = settings with { Targets = targets };
        return true;
    }

    /// <summary>Validates the options alone: a plan with no targets yet (a job's pages are planned one by one).</summary>
    public bool TryValidateOptions(CrawlOptions? requested, [NotNullWhen(true)] out CrawlPlan? plan, out string problem)
    {
        var options = limits.Value;
        var requestOptions = requested ?? new CrawlOptions();
        plan = null;
        if (!TryValidateOptions(requestOptions, options, out var cacheMode, out problem))
        {
            return false;
        }

        if (!RequestHeaders.TryCreate(requestOptions.Headers, "options.headers", out var headers, out var headersProblem))
        {
            problem = headersProblem;
            return false;
        }

        if (requestOptions.PerHostConcurrency is { } perHost && (perHost < 1 || perHost > ServerPerHostConcurrency))
        {
            problem = $"options.per_host_concurrency must be between 1 and this server's per-host limit, {ServerPerHostConcurrency}.";
            return false;
        }

        var browser = new RenderSettings(requestOptions.RenderTimeoutMs, requestOptions.WaitFor, requestOptions.Scroll ?? 0,
            requestOptions.Screenshot ?? false, requestOptions.FullPageScreenshot ?? false, requestOptions.WaitMs ?? 0);
        var output = new PageOutput(
            requestOptions.Extraction ?? ExtractionModes.Article,
            requestOptions.Render ?? RenderModes.Auto,
            requestOptions.IncludeHtml ?? false,
            requestOptions.IncludeMarkdown ?? true,
            requestOptions.CssSchema,
            browser == RenderSettings.Default ? null : browser,
            requestOptions is { IncludeSelectors.Count: > 0 } or { ExcludeSelectors.Count: > 0 }
                ? new PageFilter(requestOptions.IncludeSelectors ?? [], requestOptions.ExcludeSelectors ?? [])
                : null,
            headers,
            requestOptions.Mobile ?? false);
        if (browser.Screenshot)
        {
            // A screenshot is taken now: the cache keeps documents, not screenshots, so it is neither read nor written.
            cacheMode = CacheMode.Bypass;
        }

        plan = new CrawlPlan(
            [],
            requestOptions.Concurrency ?? Math.Min(profile.DefaultRequestConcurrency, options.MaxConcurrency),
            cacheMode,
            requestOptions.CacheTtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : null,
            TimeSpan.FromMilliseconds(requestOptions.TimeoutMs ?? options.DefaultTimeoutMs),
            output,
            requestOptions.RespectRobots ?? true,
            requestOptions.PerHostConcurrency ?? ServerPerHostConcurrency,
            TimeSpan.FromMilliseconds(requestOptions.DelayMs ?? 0));
        return true;
    }

    private static bool TryValidateUrls(IReadOnlyList<string>? urls, CrawlLimitsOptions options, out List<CrawlTarget> targets, out string problem)
    {
        targets = [];
        if (urls is null)
        {
            problem = "urls is required.";
            return false;
        }

        if (urls.Count == 0 || urls.Count > options.MaxUrls)
        {
            problem = $"urls must contain between 1 and {options.MaxUrls} URLs; it has {urls.Count}.";
            return false;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (!UrlNormalizer.TryNormalize(urls[i], options.MaxUrlLength, out var url, out var urlProblem))
            {
                problem = $"urls[{i}] {urlProblem}.";
                return false;
            }

            targets.Add(new CrawlTarget(urls[i], url));
        }

        problem = string.Empty;
        return true;
    }

    private const int MaxSelectorLength = 1000;

    /// <summary>The longest spacing a request may ask for between its requests to one host.</summary>
    public const int MaxDelayMs = 60_000;

    /// <summary>The most selectors of each kind a request may give (each is matched against the whole page).</summary>
    public const int MaxSelectors = 20;

    /// <summary>The shape of each selector; whether it parses as CSS is the Extractor's to say (it owns the engine).</summary>
    private static string? SelectorProblem(IReadOnlyList<string>? selectors, string field) =>
        selectors?.Select((selector, i) => string.IsNullOrWhiteSpace(selector) || selector.Length > MaxSelectorLength || selector.Any(char.IsControl)
                ? $"options.{field}[{i}] must be a CSS selector of 1 to {MaxSelectorLength} characters."
                : null)
            .FirstOrDefault(problem => problem is not null);

    /// <summary>The most scroll steps a request may ask for (the Renderer's own bound is the same by default).</summary>
    public const int MaxScrollSteps = 20;

    private static bool TryValidateOptions(CrawlOptions requested, CrawlLimitsOptions options, out CacheMode cacheMode, out string problem)
    {
        cacheMode = CacheMode.ReadWrite;
        problem = requested switch
        {
            { Concurrency: { } c } when c < 1 || c > options.MaxConcurrency =>
                $"options.concurrency must be between 1 and {options.MaxConcurrency}.",
            { CacheTtlSeconds: { } ttl } when ttl < 1 || ttl > options.MaxCacheTtlSeconds =>
                $"options.cache_ttl_seconds must be between 1 and {options.MaxCacheTtlSeconds}.",
            { TimeoutMs: { } timeout } when timeout < 100 || timeout > options.MaxTimeoutMs =>
                $"options.timeout_ms must be between 100 and {options.MaxTimeoutMs}.",
            { Extraction: { } extraction } when !ExtractionModes.All.Contains(extraction) =>
                $"options.extraction '{extraction}' is not one of {string.Join(", ", ExtractionModes.All)}.",
            { Render: { } render } when !RenderModes.All.Contains(render) =>
                $"options.render '{render}' is not one of {string.Join(", ", RenderModes.All)}.",
            { CssSchema: { } schema } when schema.ValueKind != System.Text.Json.JsonValueKind.Object =>
                "options.css_schema must be an object with a \"fields\" object.",
            { CssSchema: not null, Extraction: ExtractionModes.None } =>
                "options.css_schema needs extraction; it cannot be combined with extraction 'none'.",
            { IncludeSelectors: not null, Extraction: ExtractionModes.None } or { ExcludeSelectors: not null, Extraction: ExtractionModes.None } =>
                "options.include_selectors and exclude_selectors need extraction; they cannot be combined with extraction 'none'.",
            { IncludeSelectors.Count: > MaxSelectors } or { ExcludeSelectors.Count: > MaxSelectors } =>
                $"options.include_selectors and exclude_selectors may name at most {MaxSelectors} selectors each.",
            _ when (SelectorProblem(requested.IncludeSelectors, "include_selectors") ?? SelectorProblem(requested.ExcludeSelectors, "exclude_selectors")) is { } selectorProblem =>
                selectorProblem,
            { RenderTimeoutMs: { } render } when render < 100 || render > (requested.TimeoutMs ?? options.DefaultTimeoutMs) =>
                $"options.render_timeout_ms must be between 100 and the URL's timeout_ms ({requested.TimeoutMs ?? options.DefaultTimeoutMs}).",
            { WaitFor: { } selector } when string.IsNullOrWhiteSpace(selector) || selector.Length > MaxSelectorLength || selector.Any(char.IsControl) =>
                $"options.wait_for must be a CSS selector of 1 to {MaxSelectorLength} characters.",
            { DelayMs: { } delay } when delay < 0 || delay > MaxDelayMs || delay >= (requested.TimeoutMs ?? options.DefaultTimeoutMs) =>
                $"options.delay_ms must be from 0 to {MaxDelayMs} and less than the URL's timeout_ms ({requested.TimeoutMs ?? options.DefaultTimeoutMs}).",
            { Scroll: { } steps } when steps < 0 || steps > MaxScrollSteps =>
                $"options.scroll must be between 0 and {MaxScrollSteps} steps.",
            { WaitMs: { } wait } when wait < 0 || wait >= (requested.RenderTimeoutMs ?? requested.TimeoutMs ?? options.DefaultTimeoutMs) =>
                $"options.wait_ms must be from 0 to less than the render's deadline ({requested.RenderTimeoutMs ?? requested.TimeoutMs ?? options.DefaultTimeoutMs} ms).",
            { FullPageScreenshot: true, Screenshot: not true } =>
                "options.full_page_screenshot needs options.screenshot: true.",
            { Render: RenderModes.Static } when requested.WaitFor is not null || requested.Scroll > 0 || requested.Screenshot == true || requested.WaitMs > 0 =>
                "options.wait_for, wait_ms, scroll and screenshot need the browser; they cannot be combined with render 'static'.",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        if (CacheModeExtensions.Parse(requested.CacheMode) is not { } mode)
        {
            problem = $"options.cache_mode '{requested.CacheMode}' is not one of read_write, read_only, write_only, bypass (or the aliases enabled, disabled).";
            return false;
        }

        cacheMode = mode;
        return true;
    }
}
