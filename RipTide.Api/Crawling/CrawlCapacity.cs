using RipTide.ServiceDefaults.Performance;

namespace RipTide.Api.Crawling;

/// <summary>
/// Process-wide limits from the performance profile: crawl requests being served, Extractor calls in flight,
/// gate analyses, and the number of URLs admitted (running or waiting) beyond which new requests are shed
/// with 503. Fetches themselves are I/O: they are bounded per request, per host and by the connection cap.
/// </summary>
public sealed class CrawlCapacity(PerformanceProfile profile) : IDisposable
{
    private readonly SemaphoreSlim _requests = new(profile.MaxConcurrentRequests, profile.MaxConcurrentRequests);
    private readonly SemaphoreSlim _extractions = new(profile.MaxConcurrentExtractions, profile.MaxConcurrentExtractions);
    private readonly SemaphoreSlim _gate = new(profile.GateWorkers, profile.GateWorkers);
    private int _admitted;

    public PerformanceProfile Profile { get; } = profile;

    public int Admitted => Volatile.Read(ref _admitted);

    public int RequestsInFlight => Profile.MaxConcurrentRequests - _requests.CurrentCount;

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

    public Task<Slot> RequestAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_requests, cancellationToken);

    public Task<Slot> ExtractionAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_extractions, cancellationToken);

    public Task<Slot> GateAsync(CancellationToken cancellationToken) => Slot.AcquireAsync(_gate, cancellationToken);

    public void Dispose()
    {
        _requests.Dispose();
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
