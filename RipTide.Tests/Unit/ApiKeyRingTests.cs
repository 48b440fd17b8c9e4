using System.Net;
using RipTide.Access;
using RipTide.Gateway.Edge;
using RipTide.Gateway.Options;

namespace RipTide.Tests.Unit;

public sealed class ApiKeyRingTests
{
    private const string Client = "client-key-0123456789abcdef";
    private const string Admin = "admin-key-0123456789abcdef";

    private static readonly ApiKeyRing Ring = new(new AccessOptions { ApiKeys = $" {Client} ,\nsecond-client-key-00000", AdminKeys = Admin });

    [Fact]
    public void A_configured_key_gets_its_role_and_an_id_that_does_not_contain_it()
    {
        var (clientRole, clientId) = Ring.Match(Client);
        var (adminRole, adminId) = Ring.Match(Admin);

        Assert.Equal(ClientRole.Client, clientRole);
        Assert.Equal(ClientRole.Admin, adminRole);
        Assert.Matches("^key-[0-9a-f]{8}$", clientId);
        Assert.NotEqual(clientId, adminId);
        Assert.Equal(ClientRole.Client, Ring.Match("second-client-key-00000").Role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("client-key-0123456789abcde")]
    [InlineData("client-key-0123456789abcdef ")]
    [InlineData("Client-key-0123456789abcdef")]
    public void Anything_but_an_exact_key_is_anonymous(string? presented)
    {
        Assert.Equal((ClientRole.Anonymous, null), Ring.Match(presented));
    }

    [Fact]
    public void A_key_in_both_lists_is_an_admin()
    {
        var ring = new ApiKeyRing(new AccessOptions { ApiKeys = Admin, AdminKeys = Admin });

        Assert.Equal(ClientRole.Admin, ring.Match(Admin).Role);
    }

    [Fact]
    public void Without_keys_the_ring_is_off()
    {
        var ring = new ApiKeyRing(new AccessOptions { ApiKeys = " , ", AdminKeys = null });

        Assert.False(ring.IsEnabled);
        Assert.False(ring.HasAdminKeys);
    }

    [Theory]
    [InlineData("short", "key #1 has 5 characters")]
    [InlineData("good-key-0123456789, bad", "key #2 has 3 characters")]
    [InlineData("non-ascii-key-ÿÿÿÿÿÿÿÿ", "key #1 holds a character outside printable ASCII")]
    public void Weak_or_unprintable_keys_are_refused_at_start_without_showing_them(string keys, string expected)
    {
        var result = new AccessOptionsValidator().Validate(null, new AccessOptions { ApiKeys = keys });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        foreach (var key in KeyList.Split(keys))
        {
            Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    public void A_client_network_is_its_ipv4_address_or_its_ipv6_64(string address, string network)
    {
        Assert.Equal(network, ClientIdentity.NetworkOf(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_burst_smaller_than_the_rate_is_refused()
    {
        var options = new RateLimitOptions();
        options.PerKey.PermitsPerSecond = 10;
        options.PerKey.Burst = 5;
        options.PerIp.PermitsPerSecond = -1;

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("PerKey:Burst (5) must be at least PermitsPerSecond (10)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RipTide:Gateway:RateLimits:PerIp", result.FailureMessage, StringComparison.Ordinal);
    }
}
