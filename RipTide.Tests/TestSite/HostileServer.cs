using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RipTide.Tests.TestSite;

/// <summary>
/// A web server that misbehaves on purpose, written on raw sockets because a well-behaved server framework
/// cannot be made to break HTTP. Each path is one way a hostile or broken server treats a crawler:
/// <list type="bullet">
/// <item><c>/hang-mid-body</c>: promises 100 KB, sends 1 KB, then goes silent.</item>
/// <item><c>/reset</c>: reads the request and resets the connection.</item>
/// <item><c>/reset-mid-body</c>: sends part of the body, then resets.</item>
/// <item><c>/endless-chunked</c> and <c>/endless-until-close</c>: a body that never ends.</item>
/// <item><c>/gzip-bomb</c>: 64 MB of HTML compressed to a few hundred KB.</item>
/// <item><c>/slow-headers</c>: the status line, then one header byte every 200 ms (slow loris, server side).</item>
/// <item><c>/invalid-chunked</c>: a chunk size that is not hexadecimal.</item>
/// <item><c>/garbage</c>: not HTTP at all.</item>
/// </list>
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    public static readonly string[] Paths =
        ["/hang-mid-body", "/reset", "/reset-mid-body", "/endless-chunked", "/endless-until-close", "/gzip-bomb", "/slow-headers", "/invalid-chunked", "/garbage"];

    private static readonly Lazy<byte[]> GzipBomb = new(CompressBomb);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private HostileServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public Uri Url(string path) => new(BaseAddress, path);

    public static HostileServer Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var path = await ReadRequestPathAsync(socket);
                await MisbehaveAsync(socket, path, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The crawler gave up or the server is stopping: both are what these paths are for.
            }
        }
    }

    private static async Task MisbehaveAsync(Socket socket, string path, CancellationToken stop)
    {
        switch (path)
        {
            case "/robots.txt":
                // The one well-formed answer, so that a crawl gets as far as the hostile pages.
                await SendAsync(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", stop);
                break;
            case "/hang-mid-body":
                await SendAsync(socket, Head("Content-Length: 100000") + Filler(1000), stop);
                await Task.Delay(Timeout.Infinite, stop);
                break;
            case "/reset":
                Reset(socket);
                break;
            case "/reset-mid-body":
                await SendAsync(socket, Head("Content-Length: 100000") + Filler(5000), stop);
                await Task.Delay(100, stop);
                Reset(socket);
                break;
            case "/endless-chunked":
                await SendAsync(socket, Head("Transfer-Encoding: chunked"), stop);
                var chunk = Filler(16 * 1024);
                while (true)
                {
                    await SendAsync(socket, $"{Encoding.ASCII.GetByteCount(chunk):x}\r\n{chunk}\r\n", stop);
                }

            case "/endless-until-close":
                await SendAsync(socket, Head("Connection: close"), stop);
                while (true)
                {
                    await SendAsync(socket, Filler(16 * 1024), stop);
                }

            case "/gzip-bomb":
                await SendAsync(socket, Head($"Content-Encoding: gzip\r\nContent-Length: {GzipBomb.Value.Length}"), stop);
                await socket.SendAsync(GzipBomb.Value, stop);
                await Task.Delay(Timeout.Infinite, stop);
                break;
            case "/slow-headers":
                await SendAsync(socket, "HTTP/1.1 200 OK\r\n", stop);
                while (true)
                {
                    await SendAsync(socket, "X", stop);
                    await Task.Delay(200, stop);
                }

            case "/invalid-chunked":
                await SendAsync(socket, Head("Transfer-Encoding: chunked") + "zz\r\nnot a chunk\r\n0\r\n\r\n", stop);
                await Task.Delay(Timeout.Infinite, stop);
                break;
            default:
                await SendAsync(socket, "SSH-2.0-OpenSSH_9.6\r\n\0\0\0garbage", stop);
                await Task.Delay(Timeout.Infinite, stop);
                break;
        }
    }

    private static string Head(string header) => $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{header}\r\n\r\n";

    private static string Filler(int bytes)
    {
        const string paragraph = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n";
        var builder = new StringBuilder(bytes + paragraph.Length);
        while (builder.Length < bytes)
        {
            builder.Append(paragraph);
        }

        return builder.ToString(0, bytes);
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken stop) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), stop);

    /// <summary>Closes with an RST instead of a FIN, as a crashed or hostile peer does.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Reads up to the end of the request head and returns the path of its request line.</summary>
    private static async Task<string> ReadRequestPathAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        // Only the first segment picks the behaviour, so tests may add suffixes of their own.
        var requestLine = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0].Split(' ');
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        return "/" + target.TrimStart('/').Split('/', '?')[0];
    }

    private static byte[] CompressBomb()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            var block = Encoding.ASCII.GetBytes(Filler(64 * 1024));
            for (var i = 0; i < 1024; i++)
            {
                gzip.Write(block);
            }
        }

        return compressed.ToArray();
    }
}
