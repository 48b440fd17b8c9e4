using RipTide.Sandbox;
using Wasmtime;

namespace RipTide.Bench.Extraction;

/// <summary>
/// WebAssembly instructions a module executes per page, counted as Wasmtime fuel. Unlike time, the count
/// is the same on every run and every machine, so a change to the guest can be judged on a noisy box
/// where a few percent of speed drowns in run-to-run spread. It counts the guest's work, not how well
/// Cranelift compiles it or what Wasmtime's epoch checks add; the timed table still says that.
/// </summary>
public static class InstructionCounter
{
    private const ulong Tank = ulong.MaxValue / 2;

    /// <summary>Mean instructions per page of <paramref name="modulePath"/> over <paramref name="pages"/>.</summary>
    public static double PerPage(string modulePath, IReadOnlyList<CorpusPage> pages)
    {
        using var config = new Config().WithFuelConsumption(true);
        using var engine = new Wasmtime.Engine(config);
        using var module = Module.FromFile(engine, modulePath);
        using var linker = new Linker(engine);
        using var slot = new WasmSlot(engine, module, linker, maxMemoryBytes: 1L << 30, generation: 0);
        var optionBits = WasmExtractor.OptionBits(ExtractionMode.Article, markdown: true);
        double total = 0;
        foreach (var page in pages)
        {
            slot.Fuel = Tank;
            slot.Extract(page.Utf8, page.Url.AbsoluteUri, optionBits, GuestBudget.Unlimited);
            total += Tank - slot.Fuel;
        }

        return total / pages.Count;
    }
}
