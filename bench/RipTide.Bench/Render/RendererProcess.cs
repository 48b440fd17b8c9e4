using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace RipTide.Bench.Render;

/// <summary>
/// RipTide.Renderer as its own process (the built service, not a library), with a render pool of a given size:
/// the bench measures the service as the Api uses it, over HTTP.
/// </summary>
public sealed class RendererProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RendererProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

    public static async Task<RendererProcess> StartAsync(string dll, int renders, string chromium, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll, "--urls", $"http://127.0.0.1:{port}",
                $"--RipTide:Renderer:MaxConcurrentRenders={renders}",
                "--RipTide:Renderer:MaxQueuedRenders=1000",
                $"--RipTide:Renderer:ExecutablePath={chromium}",
                // The bench site is on loopback; nothing else is.
                "--RipTide:Renderer:AllowedNetworks:0=127.0.0.0/8",
                "--Logging:LogLevel:Default=Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["RipTide__Telemetry__TraceSampleRatio"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        var renderer = new RendererProcess(process, client);
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var health = await client.GetAsync("/health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return renderer;
                }
            }
            catch (HttpRequestException) when (tries < 120)
            {
            }

            if (tries >= 120 || process.HasExited)
            {
                await renderer.DisposeAsync();
                throw new InvalidOperationException($"RipTide.Renderer at {dll} did not become healthy.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>One render of <paramref name="html"/> as <paramref name="url"/>; the rendered HTML.</summary>
    public async Task<string> RenderAsync(string url, string html, int scroll, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync("/render", new { url, html, timeout_ms = 30_000, scroll }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/render answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("html").GetString()!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM: the service closes its browsers on the way out.
            using (Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
