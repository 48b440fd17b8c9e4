using RipTide.ServiceDefaults.Memory;

namespace RipTide.Bench.Render;

/// <summary>A process and all its descendants: what a renderer costs is its own process plus the browser it drives.</summary>
public static class ProcessTreeMemory
{
    /// <summary>PSS of <paramref name="root"/> and every descendant (<see cref="ProcessTree"/>).</summary>
    public static long ResidentBytes(int root, bool includeRoot = true)
    {
        var tree = ProcessTree.WithDescendants([root]);
        if (!includeRoot)
        {
            tree.Remove(root);
        }

        return ProcessTree.ProportionalBytes(tree);
    }

    /// <summary>Samples the tree's resident size every 250 ms until disposed; <see cref="Peak"/> is the largest seen.</summary>
    public sealed class PeakSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public PeakSampler(int root, bool includeRoot)
        {
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var now = ResidentBytes(root, includeRoot);
                    if (now > Interlocked.Read(ref _peak))
                    {
                        Interlocked.Exchange(ref _peak, now);
                    }

                    try
                    {
                        await Task.Delay(250, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }

        public long Peak => Interlocked.Read(ref _peak);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
