using System.Net.Sockets;

namespace RipTide.Net;

/// <summary>A socket stream that gives its <see cref="ConnectionTracker"/> slot back when the connection closes.</summary>
public sealed class TrackedNetworkStream(Socket socket, ConnectionTracker.ConnectionSlot slot) : NetworkStream(socket, ownsSocket: true)
{
    protected override void Dispose(bool disposing)
    {
        slot.Release();
        base.Dispose(disposing);
    }
}
