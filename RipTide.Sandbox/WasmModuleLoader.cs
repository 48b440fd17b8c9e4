using System.Security.Cryptography;
using Wasmtime;

namespace RipTide.Sandbox;

/// <summary>
/// Compiling the module takes ~1 s; deserialising a compiled artifact ~50 ms. The artifact is tied to
/// the Wasmtime version, the engine configuration and the CPU, so it is cached outside the repository,
/// keyed by the module's hash, the Wasmtime version and the engine settings that change the code
/// (epoch checks on or off), and recompiled when missing, stale or unreadable.
/// </summary>
public static class WasmModuleLoader
{
    public static Module Load(Engine engine, string engineSettings, string modulePath, string cacheDirectory, out string moduleHash)
    {
        var bytes = File.ReadAllBytes(modulePath);
        moduleHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var runtime = typeof(Engine).Assembly.GetName().Version?.ToString() ?? "unknown";
        var artifact = Path.Combine(cacheDirectory, $"riptide-guest-{moduleHash[..16]}-wasmtime-{runtime}-{engineSettings}.cwasm");

        if (File.Exists(artifact))
        {
            try
            {
                return Module.DeserializeFile(engine, "riptide_guest", artifact);
            }
            catch (WasmtimeException)
            {
                // Stale or corrupt: compile afresh below and overwrite it.
            }
        }

        var module = Module.FromBytes(engine, "riptide_guest", bytes);
        TryWriteArtifact(module, artifact);
        return module;
    }

    private static void TryWriteArtifact(Module module, string artifact)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
            var temporary = artifact + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, module.Serialize());
            File.Move(temporary, artifact, overwrite: true);
        }
        catch (IOException)
        {
            // A read-only or full disk only costs the next start a recompilation.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
