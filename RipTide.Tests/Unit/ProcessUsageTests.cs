using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using RipTide.LiveMetrics;

namespace RipTide.Tests.Unit;

/// <summary>The dashboard's CPU and memory figures for a replica, read without walking the process's threads.</summary>
public sealed class ProcessUsageTests
{
    [Fact]
    public void The_working_set_is_the_one_the_process_reports()
    {
        using var process = Process.GetCurrentProcess();
        var reported = process.WorkingSet64;

        var read = ProcessUsage.WorkingSetBytes();

        // Both read the kernel's resident size at slightly different moments of a running test host.
        Assert.InRange(read, reported * 0.8, reported * 1.25);
    }

    [Fact]
    public void Cpu_use_is_the_process_time_spent_over_the_wall_time_between_readings()
    {
        var time = new FakeTimeProvider();
        var usage = new ProcessUsage(time);
        var spentFrom = Environment.CpuUsage.TotalTime;
        while (Environment.CpuUsage.TotalTime - spentFrom < TimeSpan.FromMilliseconds(200))
        {
            Thread.SpinWait(1000);
        }

        // The fake clock says one second passed while at least 200 ms of CPU were spent: 20 % of one core at least.
        time.Advance(TimeSpan.FromSeconds(1));
        var (cpu, workingSet) = usage.Read();

        Assert.InRange(cpu, 0.2 / Environment.ProcessorCount, 1.0);
        Assert.True(workingSet > 0);
    }
}
