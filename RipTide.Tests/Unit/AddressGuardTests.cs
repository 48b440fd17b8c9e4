using System.Net;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;

namespace RipTide.Tests.Unit;

public sealed class AddressGuardTests
{
    private static AddressGuard Guard(params string[] allowed)
    {
        var options = new FetchOptions();
        foreach (var network in allowed)
        {
            options.AllowedNetworks.Add(network);
        }

        return new AddressGuard(Options.Create(options));
    }

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
