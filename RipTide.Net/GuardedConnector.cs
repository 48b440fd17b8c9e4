using System.Net;
using System.Net.Sockets;

namespace RipTide.Net;

/// <summary>
/// The fetcher's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects
/// only to addresses the <see cref="AddressGuard"/> allows. Checking at connect time (not when the URL is
/// validated) closes the DNS-rebinding gap, and covers every redirect hop to a new host. Every connection
/// holds a slot of the <see cref="ConnectionTracker"/>, which caps them in total. A name that resolves to
/// allowed and refused addresses alike is connected to the allowed ones only.
/// </summary>
public sealed class GuardedConnector(AddressGuard guard, ConnectionTracker connections, IHostResolver resolver)
{
    /// <summary>
    /// A handler whose every connection goes through this guard: no proxy (it would connect on our behalf and
    /// bypass the guard), no automatic redirects (the handler's own follow any scheme), no cookies. Callers add
    /// their pool and timeout settings.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);

        // Dial exactly what the guard approved (an IPv4-mapped address as its IPv4 address), nothing else.
        var allowed = addresses.Select(guard.Approve).OfType<IPAddress>().Distinct().ToList();
        if (allowed.Count == 0)
        {
            throw new BlockedAddressException(host);
        }

        var slot = await connections.AcquireAsync(host, context.DnsEndPoint.Port, cancellationToken);
        SocketException? lastError = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new TrackedNetworkStream(socket, slot);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                slot.Release();
                throw;
            }
        }

        slot.Release();
        throw lastError!;
    }
}
