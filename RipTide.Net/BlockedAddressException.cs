namespace RipTide.Net;

/// <summary>Thrown at connect time when every address of a host is refused by the <see cref="AddressGuard"/>.</summary>
public sealed class BlockedAddressException(string host)
    : Exception($"{host} resolves only to addresses the crawler may not reach.")
{
    public string Host { get; } = host;
}
