using RipTide.Api.Jobs.Spider;

namespace RipTide.Tests.Unit.Jobs;

public sealed class PublicSuffixListTests
{
    private static readonly PublicSuffixList Sample = PublicSuffixList.Parse(
    [
        "// ===BEGIN ICANN DOMAINS===",
        "com",
        "uk",
        "co.uk",
        "jp",
        "*.kawasaki.jp",
        "!city.kawasaki.jp",
        "github.io",
        "рф",
        "",
        "// a comment line",
    ]);

    [Theory]
    [InlineData("www.example.com", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData("a.b.c.example.co.uk", "example.co.uk")]
    [InlineData("alice.github.io", "alice.github.io")]
    [InlineData("docs.alice.github.io", "alice.github.io")]
    [InlineData("www.shop.kawasaki.jp", "www.shop.kawasaki.jp")]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("news.example.unlisted", "example.unlisted")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("WWW.Example.COM.", "example.com")]
    [InlineData("www.xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai")]
    public void The_registrable_domain_follows_the_longest_rule_wildcards_and_exceptions(string host, string expected) =>
        Assert.Equal(expected, Sample.RegistrableDomain(host));

    [Fact]
    public void Debians_list_when_installed_tells_sites_of_one_owner_from_neighbours_on_a_shared_suffix()
    {
        // The test command installs Debian's publicsuffix package as root; without it this machine cannot run same_domain.
        var list = PublicSuffixList.TryLoad(PublicSuffixList.DebianPath);
        Assert.True(list is not null, $"{PublicSuffixList.DebianPath} is missing: apt-get install publicsuffix (scripts/test.sh does as root).");
        Assert.True(list.RuleCount > 5_000);
        Assert.Equal("bbc.co.uk", list.RegistrableDomain("www.news.bbc.co.uk"));
        Assert.NotEqual(list.RegistrableDomain("alice.github.io"), list.RegistrableDomain("bob.github.io"));
    }
}
