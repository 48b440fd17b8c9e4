using RipTide.AppHost.Cache;

namespace RipTide.Tests.Unit;

public sealed class CacheServerSelectorTests
{
    private static string? RedisOnPath(string name) => name == "redis-server" ? "/usr/bin/redis-server" : null;

    private static string? NothingOnPath(string name) => null;

    [Fact]
    public void A_container_engine_that_answers_wins()
    {
        Assert.Equal(CacheServerKind.Container, CacheServerSelector.Choose(null, () => true, RedisOnPath));
    }

    [Fact]
    public void Without_an_engine_redis_server_on_path_is_chosen()
    {
        Assert.Equal(CacheServerKind.RedisServer, CacheServerSelector.Choose("", () => false, RedisOnPath));
    }

    [Fact]
    public void With_neither_garnet_is_chosen()
    {
        Assert.Equal(CacheServerKind.Garnet, CacheServerSelector.Choose(null, () => false, NothingOnPath));
    }

    [Theory]
    [InlineData("container", CacheServerKind.Container)]
    [InlineData("redis-server", CacheServerKind.RedisServer)]
    [InlineData(" Garnet ", CacheServerKind.Garnet)]
    public void Configuration_forces_the_choice_without_probing(string forced, CacheServerKind expected)
    {
        Assert.Equal(expected, CacheServerSelector.Choose(forced, () => throw new InvalidOperationException("must not probe"), NothingOnPath));
    }

    [Fact]
    public void An_unknown_forced_value_fails_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CacheServerSelector.Choose("memcached", () => false, NothingOnPath));
        Assert.Contains(CacheServerSelector.ConfigurationKey, error.Message, StringComparison.Ordinal);
    }
}
