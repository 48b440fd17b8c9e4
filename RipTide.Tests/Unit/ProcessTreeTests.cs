using System.Diagnostics;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Tests.Unit;

/// <summary>The /proc reading behind the Renderer's browser memory (its recycle trigger) and leftover cleanup.</summary>
public sealed class ProcessTreeTests
{
    [Fact]
    public void A_child_process_is_in_its_parents_tree_and_an_unrelated_one_is_not()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var tree = ProcessTree.WithDescendants([Environment.ProcessId]);

            Assert.Contains(child.Id, tree);
            Assert.DoesNotContain(1, tree);
            Assert.Contains("sleep\u000030", ProcessTree.CommandLine(child.Id), StringComparison.Ordinal);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void Proportional_memory_is_counted_for_live_processes_and_is_zero_for_gone_ones()
    {
        var own = ProcessTree.ProportionalBytes(Environment.ProcessId);

        // A test host holds tens of MB at least; PSS can never exceed RSS.
        Assert.InRange(own, 10L * 1024 * 1024, Environment.WorkingSet);
        Assert.Equal(0, ProcessTree.ProportionalBytes(int.MaxValue));
    }
}
