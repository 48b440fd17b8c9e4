using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.Net.Http.Headers;
using RipTide.Contracts;
using RipTide.Contracts.Metrics;
using RipTide.ServiceDefaults.Time;

namespace RipTide.LiveMetrics;

/// <summary>
/// Publishes this replica's snapshot to the dashboard hub once per interval. It never blocks the crawl
/// path: it runs on its own loop, and while the dashboard is away snapshots are dropped (they carry
/// totals, so the next one loses nothing) and reconnection backs off exponentially.
/// </summary>
public sealed partial class DashboardPublisher(
    IMetricsSnapshotSource source,
    ServiceEndpointResolver resolver,
    IOptions<DashboardPublisherOptions> options,
    TimeProvider time,
    ILogger<DashboardPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    private readonly string _replica = options.Value.Replica is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.PublishIntervalMs), time);
        HubConnection? connection = null;
        var reconnectDelay = TimeSpan.FromMilliseconds(settings.PublishIntervalMs);
        var nextAttempt = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (connection is not { State: HubConnectionState.Connected } && time.GetUtcNow() >= nextAttempt)
                {
                    connection = await TryConnectAsync(connection, stoppingToken);
                    if (connection is null)
                    {
                        nextAttempt = time.GetUtcNow() + reconnectDelay;
                        reconnectDelay = TimeSpan.FromMilliseconds(Math.Min(reconnectDelay.TotalMilliseconds * 2, settings.MaxReconnectDelayMs));
                        continue;
                    }

                    reconnectDelay = TimeSpan.FromMilliseconds(settings.PublishIntervalMs);
                }

                if (connection is { State: HubConnectionState.Connected })
                {
                    await TryPublishAsync(connection, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<HubConnection?> TryConnectAsync(HubConnection? previous, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        HubConnection? connection = null;
        try
        {
            var hubUrl = await ResolveHubUrlAsync(cancellationToken);
            // HubConnectionBuilder does not use service discovery, and negotiate + connect could land on
            // different replicas of a scaled-out hub: resolve first, then go straight to WebSockets.
            connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, http =>
                {
                    http.Transports = HttpTransportType.WebSockets;
                    http.SkipNegotiation = true;
                    if (options.Value.HubKey is { Length: > 0 } key)
                    {
                        http.Headers[HeaderNames.Authorization] = "Bearer " + key;
                    }
                })
                .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions))
                .Build();
            using var timeout = new LinkedDeadline(ConnectTimeout, time, cancellationToken);
            await connection.StartAsync(timeout.Token);
            LogConnected(logger, hubUrl);
            return connection;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, ex);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            return null;
        }
    }

    private async Task TryPublishAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = source.Snapshot(_replica);
            using var timeout = new LinkedDeadline(PublishTimeout, time, cancellationToken);
            await connection.SendAsync(MetricsHubContract.Publish, snapshot, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, ex);
        }
    }

    private async Task<Uri> ResolveHubUrlAsync(CancellationToken cancellationToken)
    {
        var endpoints = await resolver.GetEndpointsAsync(options.Value.ServiceUri, cancellationToken);
        if (endpoints.Endpoints.Count == 0)
        {
            throw new InvalidOperationException($"No endpoint is known for {options.Value.ServiceUri}.");
        }

        var baseUri = endpoints.Endpoints[0].EndPoint switch
        {
            UriEndPoint uri => uri.Uri,
            DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}"),
            IPEndPoint ip => new Uri($"http://{ip}"),
            var other => new Uri($"http://{other}"),
        };
        return new Uri(baseUri, MetricsHubContract.Path);
    }

    [LoggerMessage(1201, LogLevel.Information, "Publishing metrics to the dashboard at {HubUrl}")]
    private static partial void LogConnected(ILogger logger, Uri hubUrl);

    [LoggerMessage(1202, LogLevel.Debug, "The dashboard is not reachable; snapshots are dropped until it is")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
