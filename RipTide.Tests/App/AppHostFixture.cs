using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RipTide.AppHost;
using RipTide.Contracts;
using RipTide.Contracts.Metrics;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// Starts the whole AppHost once per test run (every whole-app test is in <see cref="WholeApp"/>),
/// plus the local test site the crawler fetches from. Every startup step has a timeout.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const int ApiReplicas = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;
    private LocalTestSite? _site;
    private LocalTestSite? _politeSite;
    private LocalTestSite? _busySite;

    /// <summary>robots.txt of <see cref="PoliteSite"/>: one disallowed folder and a one-second Crawl-delay.</summary>
    public const string PoliteRobots = "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n";

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public LocalTestSite Site => _site ?? throw new InvalidOperationException("The test site has not started.");

    /// <summary>A second host with a robots.txt, so its Crawl-delay paces only the tests that use it.</summary>
    public LocalTestSite PoliteSite => _politeSite ?? throw new InvalidOperationException("The test site has not started.");

    /// <summary>A third host whose /busy pages ask for a 60 s Retry-After, longer than any test's deadline.</summary>
    public LocalTestSite BusySite => _busySite ?? throw new InvalidOperationException("The test site has not started.");

    /// <summary>The system runs with API keys, as production would; these are made up for each run.</summary>
    public string ClientKey { get; } = "client-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string AdminKey { get; } = "admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The run's metrics-hub key (the AppHost would generate one; the fixture chooses it to publish with it).</summary>
    public string HubKey { get; } = "hub-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The run's webhook signing secret, so that the tests can verify signatures as a receiver would.</summary>
    public string WebhookKey { get; } = "hook-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A gateway client with the admin key: every route is open to it.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>A gateway client presenting <paramref name="key"/> (none when null).</summary>
    public HttpClient GatewayClient(string? key)
    {
        var client = App.CreateHttpClient(ResourceNames.Gateway);
        client.Timeout = TimeSpan.FromMinutes(1);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private DashboardSignInClient? _dashboard;

    /// <summary>A client of the dashboard signed in with the admin key (redirects are not followed).</summary>
    public HttpClient Dashboard => _dashboard!.Http;

    public static IEnumerable<string> ApiCopyNames => Enumerable.Range(0, ApiReplicas).Select(ResourceNames.ApiCopy);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var cancellationToken = timeout.Token;
        _site = await LocalTestSite.StartAsync(cancellationToken);
        _politeSite = await LocalTestSite.StartAsync(cancellationToken, PoliteRobots);
        _busySite = await LocalTestSite.StartAsync(cancellationToken, retryAfterSeconds: 60);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RipTide_AppHost>(
            [
                $"--RipTide:Api:Replicas={ApiReplicas}",
                "--environment=Development",
                $"--Parameters:{ApiKeyParameters.ApiKeys}={ClientKey}",
                $"--Parameters:{ApiKeyParameters.AdminKeys}={AdminKey}",
                $"--Parameters:{MetricsHubKey.ParameterName}={HubKey}",
                $"--Parameters:{WebhookSecret.ParameterName}={WebhookKey}",
            ],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);
        _app = await builder.BuildAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);

        // The renderer runs where Chromium is installed (the test command installs it); its tests say so when it is not.
        string[] renderer = File.Exists(RendererProcesses.ChromiumPath) ? [ResourceNames.Renderer] : [];
        string[] resources = [ResourceNames.Cache, ResourceNames.Extractor, ResourceNames.Dashboard, .. ApiCopyNames, ResourceNames.Gateway, .. renderer];
        foreach (var resource in resources)
        {
            // Fail at once when a resource crashes, rather than waiting out the timeout.
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
        }

        Gateway = GatewayClient(AdminKey);
        _dashboard = new DashboardSignInClient(DashboardUrl);
        var signIn = await _dashboard.SignInAsync(AdminKey);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"Signing in to the dashboard answered {(int)signIn.StatusCode}.");
    }

    public Uri DashboardUrl => App.GetEndpoint(ResourceNames.Dashboard, "http");

    /// <summary>Stops the cache server (as an outage would) and waits until it is down.</summary>
    public Task StopCacheAsync() => StopResourceAsync(ResourceNames.Cache);

    /// <summary>Stops a resource through the AppHost and waits until it is down.</summary>
    public async Task StopResourceAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, "resource-stop", timeout.Token);
        Assert.True(result.Success, result.Message);
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
    }

    /// <summary>
    /// Kills one of our services the way a crash would (SIGKILL, no shutdown) and waits until the AppHost sees
    /// it gone. The process is found by the replica name the AppHost gave it and by the port this AppHost
    /// gave it (another test run on the machine has services of the same names), because DCP runs each
    /// project under a `dotnet run` wrapper whose own PID is not the service's.
    /// </summary>
    public Task KillServiceAsync(string replica)
    {
        var isService = ServiceEnvironment(replica);
        // Not the `dotnet run` wrapper, and not the Renderer's Playwright driver (a node process under its bin folder).
        return KillAsync(replica, (commandLine, environment) =>
            !commandLine.StartsWith("dotnet\0run", StringComparison.Ordinal) && commandLine.Contains("RipTide.", StringComparison.Ordinal)
            && !commandLine.Contains("/.playwright/", StringComparison.Ordinal) && isService(environment));
    }

    /// <summary>
    /// Whether a process's environment (NUL-separated) is that of <paramref name="replica"/> of this AppHost, or of
    /// a process it started (Chromium inherits the Renderer's environment through Playwright's driver).
    /// </summary>
    public Func<string, bool> ServiceEnvironment(string replica)
    {
        var marker = $"{SettingNames.EnvironmentVariable(SettingNames.Replica)}={replica}";
        var listening = $"ASPNETCORE_URLS=http://localhost:{App.GetEndpoint(replica, "http").Port}";
        return environment => environment.Split('\0') is var variables
            && variables.Contains(marker, StringComparer.Ordinal) && variables.Contains(listening, StringComparer.Ordinal);
    }

    /// <summary>
    /// Kills the cache server with SIGKILL, as a crash or the OOM killer would: no shutdown, open connections
    /// dropped. It is found by its port: redis-server shows it as <c>host:port</c> in its process title,
    /// Garnet has it among its arguments.
    /// </summary>
    public Task KillCacheAsync()
    {
        var port = App.GetEndpoint(ResourceNames.Cache, "tcp").Port;
        return KillAsync(ResourceNames.Cache, (commandLine, _) =>
            (commandLine.Contains("redis-server ", StringComparison.Ordinal) && commandLine.TrimEnd('\0').EndsWith($":{port}", StringComparison.Ordinal))
            || commandLine.Contains($"\0--port\0{port}\0", StringComparison.Ordinal));
    }

    /// <summary>SIGKILLs the one process of <paramref name="resource"/> that <paramref name="isIt"/> picks by its command line and environment.</summary>
    private async Task KillAsync(string resource, Func<string, string, bool> isIt)
    {
        var killed = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = await File.ReadAllTextAsync(Path.Combine(directory, "cmdline"));
                var environment = await File.ReadAllTextAsync(Path.Combine(directory, "environ"));
                if (isIt(commandLine, environment))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                    killed++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        Assert.True(killed == 1, $"expected one process of {resource}, killed {killed}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, "resource-start", timeout.Token);
        Assert.True(result.Success, result.Message);
        // Waiting on, not stopping at, an unavailable state: right after the start command the resource can still
        // show the terminal state of its stop or kill, which would end a stopping wait at once (seen in CI).
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
    }

    /// <summary>Starts the cache server again and waits until it is healthy.</summary>
    public async Task StartCacheAsync()
    {
        await StartResourceAsync(ResourceNames.Cache);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Each Api copy reconnects on its own schedule; until it has, its /health says Degraded. Later tests
        // expect a working cache behind whichever copy the gateway picks.
        foreach (var api in ApiCopyNames)
        {
            using var client = App.CreateHttpClient(api);
            while (true)
            {
                using var health = await client.GetAsync("/health", timeout.Token);
                if (await health.Content.ReadAsStringAsync(timeout.Token) == "Healthy")
                {
                    break;
                }

                await Task.Delay(250, timeout.Token);
            }
        }
    }

    /// <summary>A SignalR client subscribed to the dashboard's metrics hub.</summary>
    public async Task<HubConnection> SubscribeToMetricsAsync(Action<MetricsSnapshot> onSnapshot, CancellationToken cancellationToken)
    {
        var connection = MetricsHubConnection();
        connection.On<MetricsSnapshot>(nameof(IMetricsClient.ReceiveSnapshot), onSnapshot);
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync(MetricsHubContract.Subscribe, cancellationToken);
        return connection;
    }

    /// <summary>A connection to the dashboard's metrics hub, not yet started (a publisher, or a viewer).</summary>
    public HubConnection MetricsHubConnection() => MetricsHubConnection(HubKey);

    /// <summary>The same with another hub key, or none.</summary>
    public HubConnection MetricsHubConnection(string? hubKey) => new HubConnectionBuilder()
        .WithUrl(new Uri(DashboardUrl, MetricsHubContract.Path), http =>
        {
            http.Transports = HttpTransportType.WebSockets;
            http.SkipNegotiation = true;
            if (hubKey is { Length: > 0 })
            {
                http.Headers["Authorization"] = "Bearer " + hubKey;
            }
        })
        .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions))
        .Build();

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        _dashboard?.Dispose();
        List<int> browsersLeft = [];
        if (_app is not null)
        {
            var isRenderer = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Any(r => r.Name == ResourceNames.Renderer)
                ? ServiceEnvironment(ResourceNames.Renderer)
                : null;

            // DCP's stop signal is ignored by the `dotnet run` wrappers it launches, so a graceful stop
            // takes ~14 s; DCP reaps every process on dispose anyway.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await _app.DisposeAsync();

            // The AppHost is gone; so must its browsers be (Playwright's driver closes them when its parent dies).
            if (isRenderer is not null && !await Poll.UntilAsync(() => Task.FromResult(RendererProcesses.Browsers(isRenderer).Count == 0), TimeSpan.FromSeconds(30)))
            {
                browsersLeft = RendererProcesses.Browsers(isRenderer);
                RendererProcesses.Kill(browsersLeft);
            }
        }

        foreach (var site in new[] { _site, _politeSite, _busySite })
        {
            if (site is not null)
            {
                await site.DisposeAsync();
            }
        }

        Assert.True(browsersLeft.Count == 0, $"Chromium processes outlived the AppHost by 30 s: {string.Join(", ", browsersLeft)}");
    }
}

[CollectionDefinition(Name)]
public sealed class WholeApp : ICollectionFixture<AppHostFixture>
{
    public const string Name = "whole app";
}
