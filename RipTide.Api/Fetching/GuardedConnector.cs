using System.Net;
using System.Net.Sockets;

namespace RipTide.Api.Fetching;

/// <summary>
/// The fetcher's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects
/// only to addresses the <see cref="AddressGuard"/> allows. Checking at connect time (not when the URL is
/// validated) closes the DNS-rebinding gap, and covers every redirect hop to a new host.
/// </summary>
public sealed class GuardedConnector(AddressGuard guard)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);

        var allowed = addresses.Where(guard.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new BlockedAddressException(host);
        }

        SocketException? lastError = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError!;
    }
}
