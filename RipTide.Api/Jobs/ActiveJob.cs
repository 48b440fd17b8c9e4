namespace RipTide.Api.Jobs;

/// <summary>A job this copy is working on: where it lives, what it asks, and how to stop this copy's share of it.</summary>
public sealed class ActiveJob(JobKeys keys, JobRecord record, JobSpec spec, CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    public JobKeys Keys { get; } = keys;

    public JobRecord Record { get; } = record;

    public JobSpec Spec { get; } = spec;

    public string Id => Keys.Id;

    /// <summary>URLs (as linked, and as keyed) this copy knows the job has already seen: a site's navigation links
    /// repeat on every page, and need not go to Redis again each time.</summary>
    public KnownUrls Known { get; } = new();

    /// <summary>Cancelled when the job ends (cancelled, failed or completed elsewhere) or the copy stops.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Stop()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished here.
        }
    }

    public void Dispose() => _cancel.Dispose();
}
