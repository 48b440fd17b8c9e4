using RipTide.Contracts;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>
/// A second connection to the cache server with admin commands enabled (INFO, DBSIZE, CONFIG SET), opened on
/// first use. The crawl path's connection stays without them, so no crawl code can reconfigure the server.
/// </summary>
public sealed class CacheAdminConnection(IConfiguration configuration) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <summary>The server, or null when no cache is configured.</summary>
    /// <exception cref="RedisConnectionException">The server cannot be reached.</exception>
    public async Task<IServer?> ServerAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetConnectionString(ResourceNames.Cache) is not { Length: > 0 } connectionString)
        {
            return null;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var options = ConfigurationOptions.Parse(connectionString);
                options.AllowAdmin = true;
                options.AbortOnConnectFail = false;
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }
        }
        finally
        {
            _connecting.Release();
        }

        return _connection.IsConnected ? _connection.GetServer(_connection.GetEndPoints()[0]) : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
