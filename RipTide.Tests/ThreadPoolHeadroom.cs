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
/// core) the pool then adds workers about twice a second, and a test site saw requests 0.3–0.9 s after the Api copy
/// had sent them: the Crawl-delay tests, which measure arrivals a second apart, failed in CI for a delay of the
/// site's, not the crawler's. Reproduced with a test blocking four workers beside them (arrivals 0.34–0.84 s after
/// the Api copy sent them, a Crawl-delay test failed); with this headroom, five runs beside the same test saw every
/// arrival within 44 ms of its sending.
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
