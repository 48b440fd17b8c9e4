using Microsoft.AspNetCore.SignalR;
using RipTide.Contracts.Metrics;

namespace RipTide.Dashboard.Metrics;

/// <summary>
/// Services publish snapshots here; viewers (other tools, tests) subscribe to receive each one. Blazor
/// circuits read the <see cref="MetricsAggregator"/> directly instead.
/// </summary>
public sealed class MetricsHub(MetricsAggregator aggregator) : Hub<IMetricsClient>
{
    public const string SubscribersGroup = "subscribers";

    [HubMethodName(MetricsHubContract.Publish)]
    public async Task Publish(MetricsSnapshot snapshot)
    {
        aggregator.Accept(snapshot);
        await Clients.Group(SubscribersGroup).ReceiveSnapshot(snapshot);
    }

    [HubMethodName(MetricsHubContract.Subscribe)]
    public Task Subscribe() => Groups.AddToGroupAsync(Context.ConnectionId, SubscribersGroup, Context.ConnectionAborted);
}
