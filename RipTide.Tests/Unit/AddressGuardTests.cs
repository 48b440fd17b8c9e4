using System.Net;
using RipTide.Api.Options;
using RipTide.Net;

namespace RipTide.Tests.Unit;

public sealed class AddressGuardTests
{
    private static AddressGuard Guard(params string[] allowed) => new(allowed);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void Private_and_special_addresses_are_refused(string address)
    {
        Assert.False(Guard().IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(Guard().IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_allowed_network_exempts_only_its_own_addresses()
    {
        var guard = Guard("127.0.0.0/8");

        Assert.True(guard.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }

    /// <summary>
    /// Issue 19, item 4: with loopback allowed (Development), every IPv6 form that carries 127.0.0.1 to another
    /// network is refused; the guard judges the address the connector dials, not the one it carries.
    /// </summary>
    [Theory]
    [InlineData("64:ff9b::7f00:1", "NAT64, well-known prefix")]
    [InlineData("64:ff9b::127.0.0.1", "NAT64, dotted")]
    [InlineData("64:ff9b:1::7f00:1", "NAT64, local-use prefix")]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("::7f00:1", "IPv4-compatible, hex")]
    [InlineData("2002:7f00:1::1", "6to4")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo (client 127.0.0.1, obfuscated)")]
    [InlineData("2001::7f00:1", "Teredo")]
    public void An_allowed_ipv4_network_does_not_allow_ipv6_forms_that_carry_it_elsewhere(string address, string form)
    {
        var guard = Guard("127.0.0.1/32");

        Assert.True(guard.Approve(IPAddress.Parse(address)) is null, $"the {form} form {address} was allowed");
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("::ffff:7f00:1", "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void An_ipv4_mapped_address_is_dialled_as_the_ipv4_address_it_carries(string address, string dialled)
    {
        Assert.Equal(IPAddress.Parse(dialled), Guard("127.0.0.1/32").Approve(IPAddress.Parse(address)));
        Assert.Null(Guard().Approve(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("64:ff9b::5db8:d822")]
    [InlineData("2606:4700::1111")]
    public void A_public_ipv6_address_is_dialled_as_it_is(string address)
    {
        Assert.Equal(IPAddress.Parse(address), Guard().Approve(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_invalid_allowed_network_fails_validation_with_its_path()
    {
        var options = new FetchOptions();
        options.AllowedNetworks.Add("127.0.0.0/8");
        options.AllowedNetworks.Add("not-a-network");

        var result = new FetchOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("RipTide:Fetch:AllowedNetworks:1", result.FailureMessage, StringComparison.Ordinal);
    }
}
