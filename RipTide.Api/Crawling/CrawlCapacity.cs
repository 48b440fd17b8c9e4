using RipTide.ServiceDefaults.Performance;

namespace RipTide.Api.Crawling;

/// <summary>
/// Process-wide limits from the performance profile: URL pipelines and Extractor calls in flight, and the
/// number of URLs admitted (running or waiting) beyond which new requests are shed with 503.
/// </summary>
public sealed class CrawlCapacity(PerformanceProfile profile) : IDisposable
{
    private readonly SemaphoreSlim _pipelines = new(profile.MaxConcurrentRequests, profile.MaxConcurrentRequests);
    private readonly SemaphoreSlim _extractions = new(profile.MaxConcurrentExtractions, profile.MaxConcurrentExtractions);
    private readonly SemaphoreSlim _gate = new(profile.GateWorkers, profile.GateWorkers);
    private int _admitted;

    public PerformanceProfile Profile { get; } = profile;

    public int Admitted => Volatile.Read(ref _admitted);

    public int PipelinesInFlight => Profile.MaxConcurrentRequests - _pipelines.CurrentCount;

    public int ExtractionsInFlight => Profile.MaxConcurrentExtractions - _extractions.CurrentCount;

    /// <summary>Admits <paramref name="urls"/> more URLs, or none when the buffer would overflow.</summary>
    public Admission? TryAdmit(int urls)
    {
        while (true)
        {
            var current = Volatile.Read(ref _admitted);
            if (current + urls > Profile.PipelineBuffer && current > 0)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _admitted, current + urls, current) == current)
            {
                return new Admission(this, urls);
            }
        }
    }

    public Task<Slot> PipelineAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_pipelines, cancellationToken);

    public Task<Slot> ExtractionAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_extractions, cancellationToken);

    public Task<Slot> GateAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_gate, cancellationToken);

    public void Dispose()
    {
        _pipelines.Dispose();
        _extractions.Dispose();
        _gate.Dispose();
    }

    /// <summary>Admitted URLs, given back when the request ends.</summary>
    public sealed class Admission(CrawlCapacity owner, int urls) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Add(ref owner._admitted, -urls);
            }
        }
    }

    /// <summary>One held slot of a limiter.</summary>
    public sealed class Slot : IDisposable
    {
        private SemaphoreSlim? _semaphore;

        private Slot(SemaphoreSlim semaphore) => _semaphore = semaphore;

        public static async Task<Slot> AcquireAsync(SemaphoreSlim semaphore, CancellationToken cancellationToken)
        {
            await semaphore.WaitAsync(cancellationToken);
            return new Slot(semaphore);
        }

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
