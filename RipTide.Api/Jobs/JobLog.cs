namespace RipTide.Api.Jobs;

/// <summary>The job engine's log messages (event ids 2000–2099). URLs and job ids are logged; results and secrets never.</summary>
internal static partial class JobLog
{
    [LoggerMessage(2001, LogLevel.Information, "Job {JobId} started on this copy")]
    public static partial void Started(ILogger logger, string jobId);

    [LoggerMessage(2002, LogLevel.Information, "Job {JobId} ended: {Status}")]
    public static partial void Ended(ILogger logger, string jobId, string status);

    [LoggerMessage(2003, LogLevel.Warning, "Job {JobId}: Redis failed; the entry stays pending and will be retried")]
    public static partial void StoreFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "Job {JobId}: its state is gone from Redis; recorded as failed")]
    public static partial void StateLost(ILogger logger, string jobId);

    [LoggerMessage(2005, LogLevel.Error, "Job {JobId}: processing {Url} failed unexpectedly")]
    public static partial void EntryFailed(ILogger logger, string jobId, string url, Exception exception);

    [LoggerMessage(2006, LogLevel.Warning, "Job engine: listing jobs failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(2007, LogLevel.Information, "Job {JobId}: reclaimed {Count} entries left by a stopped copy")]
    public static partial void Reclaimed(ILogger logger, string jobId, int count);

    [LoggerMessage(2008, LogLevel.Warning, "Job {JobId}: {Url} was taken {Deliveries} times and never finished; stored as failed")]
    public static partial void GaveUpEntry(ILogger logger, string jobId, string url, int deliveries);

    [LoggerMessage(2010, LogLevel.Information, "Webhook of job {JobId} ({Event}) could not be reached: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, string jobId, string @event, string reason);

    [LoggerMessage(2011, LogLevel.Warning, "Webhook of job {JobId} ({Event}) given up after {Attempts} attempts (last status {Status})")]
    public static partial void WebhookGaveUp(ILogger logger, string jobId, string @event, int status, int attempts);
}
