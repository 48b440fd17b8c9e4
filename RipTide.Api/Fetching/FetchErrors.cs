using System.Net.Sockets;
using RipTide.Contracts.Crawling;
using RipTide.Net;

namespace RipTide.Api.Fetching;

/// <summary>Maps exceptions thrown while fetching to the contract's per-URL error objects.</summary>
public static class FetchErrors
{
    public static CrawlError Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BlockedAddressException blocked:
                    return new CrawlError(CrawlErrorTypes.BlockedAddress, blocked.Message, Retryable: false);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } dns:
                    return new CrawlError(CrawlErrorTypes.DnsError, $"The host name could not be resolved ({dns.SocketErrorCode}).", Retryable: dns.SocketErrorCode == SocketError.TryAgain);
                case SocketException socket:
                    return new CrawlError(CrawlErrorTypes.ConnectError, $"Could not connect ({socket.SocketErrorCode}).", Retryable: true);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return new CrawlError(CrawlErrorTypes.DnsError, "The host name could not be resolved.", Retryable: false);
            }
        }

        return exception is HttpRequestException http
            ? new CrawlError(CrawlErrorTypes.ConnectError, $"The request failed ({http.HttpRequestError}).", Retryable: true)
            : new CrawlError(CrawlErrorTypes.ConnectError, "The request failed.", Retryable: true);
    }

    public static CrawlError Timeout(int timeoutMs) =>
        new(CrawlErrorTypes.Timeout, $"No complete response within {timeoutMs} ms.", Retryable: true);
}
