using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RipTide.Renderer.Browsers;
using RipTide.Renderer.Options;
using RipTide.Renderer.Telemetry;
using RipTide.ServiceDefaults.Performance;
using RipTide.Tests.App;

namespace RipTide.Tests.Integration;

/// <summary>The Renderer's browser pool on Debian's real Chromium: its waiting line, its recycling and its shutdown.</summary>
public sealed class BrowserPoolTests
{
    private static BrowserPool Pool(ChromiumLauncher launcher, RendererOptions options) =>
        new(launcher, Options.Create(options), PerformanceProfile.Resolve(new PerformanceOptions(), cpuCount: 2),
            new RendererMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), NullLogger<BrowserPool>.Instance);

    private static ChromiumLauncher Launcher(RendererOptions options)
    {
        Assert.True(File.Exists(RendererProcesses.ChromiumPath),
            $"Browser pool tests need Debian's chromium at {RendererProcesses.ChromiumPath}: run `apt-get install chromium` (scripts/test.sh does as root).");
        return new ChromiumLauncher(Options.Create(options));
    }

    [Fact]
    public async Task With_every_slot_busy_and_the_waiting_line_full_a_render_is_refused_at_once()
    {
        var options = new RendererOptions { MaxConcurrentRenders = 1, MaxQueuedRenders = 1 };
        await using var launcher = Launcher(options);
        await using var pool = Pool(launcher, options);

        using var busy = await pool.AcquireAsync(CancellationToken.None);
        var waiting = pool.AcquireAsync(CancellationToken.None);
        await Assert.ThrowsAsync<RendererOverloadedException>(() => pool.AcquireAsync(CancellationToken.None));

        Assert.False(waiting.IsCompleted);
        busy.Dispose();
        using var served = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(busy.Browser, served.Browser);
    }

    [Fact]
    public async Task A_browser_is_replaced_after_its_render_count_and_closed_with_all_its_processes()
    {
        var options = new RendererOptions { MaxConcurrentRenders = 2, RecycleAfterRenders = 2 };
        await using var launcher = Launcher(options);
        await using var pool = Pool(launcher, options);

        LaunchedBrowser first;
        using (var lease = await pool.AcquireAsync(CancellationToken.None))
        {
            first = lease.Browser;
        }

        Assert.NotEmpty(ChromiumProcesses.Tree(first.Marker));
        using (var second = await pool.AcquireAsync(CancellationToken.None))
        {
            Assert.Same(first, second.Browser);
        }

        using var third = await pool.AcquireAsync(CancellationToken.None);
        Assert.NotSame(first, third.Browser);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(ChromiumProcesses.Tree(first.Marker).Count == 0), TimeSpan.FromSeconds(20)),
            "the retired browser's processes are still running");
    }

    [Fact]
    public async Task A_browser_is_measured_after_it_renders_not_while_idle_and_recycled_once_above_the_memory_cap()
    {
        var options = new RendererOptions { MaxConcurrentRenders = 1, RecycleAboveRssMb = 1 };
        await using var launcher = Launcher(options);
        await using var pool = Pool(launcher, options);
        LaunchedBrowser browser;
        using (var lease = await pool.AcquireAsync(CancellationToken.None))
        {
            browser = lease.Browser;
            pool.Measure();
            Assert.True(browser.ResidentBytes > 1024 * 1024, $"a running Chromium measured {browser.ResidentBytes} bytes");

            // Idle since its last measurement (after this render ended) it is not read again: the figure stays.
            browser.ResidentBytes = 1;
        }

        pool.Measure();
        var afterRender = browser.ResidentBytes;
        Assert.True(afterRender > 1, "the render that ended was not measured");
        browser.ResidentBytes = 1;
        pool.Measure();
        Assert.Equal(1, browser.ResidentBytes);

        // Its last render ended under the cap's reading of 1 byte; the next one, measured above 1 MB, retires it.
        browser.ResidentBytes = afterRender;
        using (var lease = await pool.AcquireAsync(CancellationToken.None))
        {
            Assert.Same(browser, lease.Browser);
        }

        using var next = await pool.AcquireAsync(CancellationToken.None);
        Assert.NotSame(browser, next.Browser);
    }

    [Fact]
    public async Task Disposing_the_pool_leaves_no_browser_process_and_a_killed_browser_is_replaced()
    {
        var options = new RendererOptions { MaxConcurrentRenders = 2 };
        await using var launcher = Launcher(options);
        var pool = Pool(launcher, options);
        LaunchedBrowser killed;
        using (var lease = await pool.AcquireAsync(CancellationToken.None))
        {
            killed = lease.Browser;
        }

        ChromiumProcesses.KillTree(killed.Marker);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(!killed.Connected), TimeSpan.FromSeconds(20)), "the pool did not notice the killed browser");
        LaunchedBrowser replacement;
        using (var lease = await pool.AcquireAsync(CancellationToken.None))
        {
            replacement = lease.Browser;
        }

        Assert.NotSame(killed, replacement);
        Assert.True(replacement.Connected);

        await pool.DisposeAsync();
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(ChromiumProcesses.Tree(replacement.Marker).Count == 0), TimeSpan.FromSeconds(20)),
            "the pool's browser outlived it");
    }
}
