using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Net;
using RipTide.ServiceDefaults.Time;

namespace RipTide.Api.Jobs.Webhooks;

/// <summary>
/// Delivers job events to their webhooks from a bounded queue (a job's crawl waits when it is full): each POST
/// signed (<see cref="WebhookSignature"/>), made through the fetcher's SSRF guard, never following redirects,
/// retried with doubling back-off on a network error, 408, 429 or 5xx, and given up after
/// <see cref="JobOptions.WebhookMaxAttempts"/>. Outcomes are counted in the job's status.
/// </summary>
public sealed class WebhookSender : BackgroundService
{
    private readonly Channel<WebhookEvent> _queue;
    private readonly HttpClient _client;
    private readonly JobStore _store;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly CancellationToken _stopping;

    public WebhookSender(GuardedConnector connector, JobStore store, IOptions<JobOptions> options, IOptions<FetchOptions> fetch, TimeProvider time,
        IHostApplicationLifetime lifetime, ILogger<WebhookSender> logger)
    {
        _stopping = lifetime.ApplicationStopping;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(_options.WebhookQueue) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
        // Webhook redirects are not followed at all.
        var handler = connector.CreateHandler();
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(fetch.Value.UserAgent);
    }

    /// <summary>
    /// Queues the event, waiting while the queue is full. Only the process stopping cancels the wait, never the
    /// caller's job ending: a page's result is stored by then, so its event is owed even when the page that
    /// completed the job finished a moment earlier (a job token here once lost such page events).
    /// </summary>
    public ValueTask EnqueueAsync(WebhookEvent webhookEvent) =>
        webhookEvent.Target.Events.Contains(webhookEvent.Type) ? _queue.Writer.WriteAsync(webhookEvent, _stopping) : ValueTask.CompletedTask;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A few deliveries at once, so that one slow receiver does not hold every other job's events.
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DeliverAllAsync(stoppingToken)));

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private async Task DeliverAllAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var webhookEvent in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var delivered = await DeliverAsync(webhookEvent, stoppingToken);
                await CountAsync(webhookEvent, delivered ? "webhook_delivered" : "webhook_failed", 1);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> DeliverAsync(WebhookEvent webhookEvent, CancellationToken stoppingToken)
    {
        var secret = _options.WebhookSecret ?? string.Empty;
        for (var attempt = 1; ; attempt++)
        {
            var status = await PostAsync(webhookEvent, secret, stoppingToken);
            if (status is >= 200 and < 300)
            {
                return true;
            }

            // A refused address (the SSRF guard) fails the same way every time: not retried.
            var retryable = status is Unreachable or 408 or 429 or >= 500;
            if (!retryable || attempt >= _options.WebhookMaxAttempts)
            {
                JobLog.WebhookGaveUp(_logger, webhookEvent.JobId, webhookEvent.Type, status, attempt);
                return false;
            }

            await CountAsync(webhookEvent, "webhook_retries", 1);
            await Task.Delay(TimeSpan.FromMilliseconds(_options.WebhookBackoffMs * Math.Pow(2, attempt - 1)), _time, stoppingToken);
        }
    }

    /// <summary>No answer: the receiver could not be reached (worth a retry).</summary>
    private const int Unreachable = 0;

    /// <summary>The guard refused the receiver's address (not worth a retry).</summary>
    private const int Refused = -1;

    /// <summary>The receiver's status, <see cref="Unreachable"/> or <see cref="Refused"/>.</summary>
    private async Task<int> PostAsync(WebhookEvent webhookEvent, string secret, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookEvent.Target.Url) { Content = new ByteArrayContent(webhookEvent.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in webhookEvent.Target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("X-RipTide-Event", webhookEvent.Type);
        request.Headers.TryAddWithoutValidation("X-RipTide-Job", webhookEvent.JobId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, _time.GetUtcNow().ToUnixTimeSeconds(), webhookEvent.Body));
        using var timeout = new LinkedDeadline(TimeSpan.FromMilliseconds(_options.WebhookTimeoutMs), _time, stoppingToken);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or BlockedAddressException or System.Net.Sockets.SocketException
                                   || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            JobLog.WebhookFailed(_logger, webhookEvent.JobId, webhookEvent.Type, ex.GetType().Name);
            return FetchErrors.Classify(ex).Type == CrawlErrorTypes.BlockedAddress ? Refused : Unreachable;
        }
    }

    private async Task CountAsync(WebhookEvent webhookEvent, string counter, long by)
    {
        try
        {
            await _store.IncrementAsync(new JobKeys(webhookEvent.JobId), counter, by);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The count is lost with Redis; the delivery itself happened (or not) all the same.
        }
    }
}
