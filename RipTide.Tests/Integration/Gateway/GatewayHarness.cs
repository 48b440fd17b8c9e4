using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RipTide.Gateway;

namespace RipTide.Tests.Integration.Gateway;

/// <summary>
/// The real gateway (its own pipeline, Kestrel and YARP) on 127.0.0.1 with settings of the test's choosing,
/// in front of an echo server standing in for an Api copy. The echo answers with what reached it, so a test
/// can see what the gateway forwarded: headers, path, body size.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    /// <summary>A key for tests' client role (16+ characters, as the gateway requires).</summary>
    public const string ClientKey = "client-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef";

    private readonly WebApplication _upstream;
    private readonly WebApplication _gateway;
    private readonly SemaphoreSlim _release;

    private readonly HeldCounter _held;

    private GatewayHarness(WebApplication upstream, WebApplication gateway, Uri address, SemaphoreSlim release, HeldCounter held)
    {
        _held = held;
        _upstream = upstream;
        _gateway = gateway;
        Address = address;
        _release = release;
    }

    public Uri Address { get; }

    /// <summary>Starts the echo upstream and a gateway with <paramref name="settings"/> (configuration keys and values).</summary>
    public static Task<GatewayHarness> StartAsync(params (string Key, string Value)[] settings) => StartAsync(logs: null, settings);

    /// <summary>As <see cref="StartAsync(ValueTuple{string, string}[])"/>, with the gateway's log also written to <paramref name="logs"/>.</summary>
    public static async Task<GatewayHarness> StartAsync(ILoggerProvider? logs, params (string Key, string Value)[] settings)
    {
        var release = new SemaphoreSlim(0);
        var held = new HeldCounter();
        var upstream = StartEcho(release, held);
        await upstream.StartAsync();
        var upstreamAddress = AddressOf(upstream);

        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--RipTide:Gateway:ApiDestinations:0=api-0",
            $"--services:api-0:http:0={upstreamAddress.AbsoluteUri.TrimEnd('/')}",
            .. settings.Select(setting => $"--{setting.Key}={setting.Value}"),
        ];
        try
        {
            var gateway = GatewayApp.Create(args, logs);
            await gateway.StartAsync();
            return new GatewayHarness(upstream, gateway, AddressOf(gateway), release, held);
        }
        catch
        {
            await upstream.DisposeAsync();
            release.Dispose();
            throw;
        }
    }

    /// <summary>A client of the gateway; <paramref name="from"/> picks the local address it connects from.</summary>
    public HttpClient Client(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Waits until <paramref name="count"/> requests are held at the upstream.</summary>
    public async Task WaitForHeldAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Volatile.Read(ref _held.Count) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Lets <paramref name="count"/> requests held at the upstream (those with a <c>hold</c> query) answer.</summary>
    public void Release(int count) => _release.Release(count);

    public async ValueTask DisposeAsync()
    {
        _release.Release(1000);
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        _release.Dispose();
    }

    private static WebApplication StartEcho(SemaphoreSlim release, HeldCounter held)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("Healthy"));
        app.Map("/{**path}", async (HttpContext context) =>
        {
            if (context.Request.Query.ContainsKey("hold"))
            {
                Interlocked.Increment(ref held.Count);
                await release.WaitAsync(context.RequestAborted);
            }

            long bodyBytes = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                bodyBytes += read;
            }

            context.Response.Headers["Server"] = "Kestrel";
            return Results.Json(new Echo(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bodyBytes));
        });
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    private sealed class HeldCounter
    {
        public int Count;
    }

    /// <summary>What reached the upstream.</summary>
    public sealed record Echo(string Method, string Path, Dictionary<string, string> Headers, long BodyBytes)
    {
        public static async Task<Echo> ReadAsync(HttpResponseMessage response)
        {
            var echo = await response.Content.ReadFromJsonAsync<Echo>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return echo ?? throw new InvalidOperationException("The upstream answered null.");
        }

        public string? Header(string name) =>
            Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
