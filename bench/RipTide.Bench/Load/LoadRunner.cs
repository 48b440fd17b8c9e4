using System.Collections.Concurrent;
using System.Diagnostics;
using RipTide.Bench.Processes;

namespace RipTide.Bench.Load;

/// <summary>
/// Keeps N requests in flight (closed loop: each connection sends its next request when the previous one
/// answers) for a fixed time, cycling through the URL list, and measures throughput, latency and the CPU
/// the RipTide services used meanwhile.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadLevel> RunAsync(CrawlCaller caller, IReadOnlyList<string> urls, int urlsPerRequest, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        long requests = 0, errors = 0, pages = 0;
        var next = -1;
        var before = ServiceProcesses.Sample();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);

        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = Interlocked.Add(ref next, urlsPerRequest) - urlsPerRequest + 1;
                var batch = Enumerable.Range(start, urlsPerRequest).Select(i => urls[(int)((uint)i % (uint)urls.Count)]).ToList();
                CallResult result;
                try
                {
                    result = await caller.CallAsync(batch, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break; // the level ended mid-request: neither counted nor an error
                }

                latencies.Add(result.Milliseconds);
                Interlocked.Increment(ref requests);
                Interlocked.Add(ref pages, result.Urls);
                if (!result.Succeeded)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        clock.Stop();

        var cpu = ServiceProcesses.CpuBetween(before, ServiceProcesses.Sample());
        var perPage = cpu.ToDictionary(pair => pair.Key, pair => pages == 0 ? 0 : pair.Value.TotalMilliseconds / pages);
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoadLevel(connections, requests, errors, seconds, requests / seconds, pages / seconds, LatencyStats.Of(latencies), perPage);
    }
}
