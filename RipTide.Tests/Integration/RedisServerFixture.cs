using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace RipTide.Tests.Integration;

/// <summary>
/// A private redis-server on 127.0.0.1 for the tests of our Lua scripts (no persistence, its own port), stopped
/// with the test class. A missing redis-server fails with the fix in the message: scripts/test.sh installs it as root.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly string[] Locations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private Process? _server;

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Locations.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "These tests need redis-server: apt-get install redis-server (scripts/test.sh does as root).");
        var port = FreePort();
        _server = Process.Start(new ProcessStartInfo(
            path, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"])
        {
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                Redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true,connectTimeout=1000");
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
