using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RipTide.Tests;

/// <summary>
/// Lets the test process start thread-pool workers on demand, so the servers it hosts answer like servers of their
/// own while other tests run blocking, CPU-bound work beside them.
/// </summary>
/// <remarks>
/// The local test sites, the webhook receiver and the in-process AppHost run on this process's thread pool, and so do
/// tests that block workers for seconds: the extraction quality guard extracts its corpora with a blocking
/// <c>Parallel.For</c>, the pool tests queue thousands of guest calls. With the default minimum (one worker per
/// core) the pool adds workers only about twice a second, and a test site sees requests late: the Crawl-delay
/// tests, which measure arrivals a second apart, failed in CI for a delay of the site's, not the crawler's.
/// Reproduced by running their job beside a <c>Parallel.For</c> that keeps four workers busy, with the Api copies
/// tracing each send: without this headroom 4 of 9 such jobs had a request reach the site 7–20 s after it was sent
/// (another run: 0.3–0.8 s); with it, 9 of 9 kept every gap between 0.9 and 1.1 s, each arrival within 0.1 s of
/// its sending.
/// </remarks>
internal static class ThreadPoolHeadroom
{
    private const int MinWorkerThreads = 64;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test assembly: the setting must hold before the first test or fixture starts a server.")]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinWorkerThreads), completionPorts);
    }
}
