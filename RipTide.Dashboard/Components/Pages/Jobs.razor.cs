using Microsoft.AspNetCore.Components;
using RipTide.Contracts.Jobs;
using RipTide.Dashboard.Gateway;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>
/// The jobs of every caller (the gateway's /admin/jobs), polled every <see cref="PollInterval"/>: progress per job,
/// and for the selected one its skip reasons, newest pages and a cancel button. A failed poll keeps what is shown.
/// </summary>
public sealed partial class Jobs
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private IReadOnlyList<JobStatus>? _jobs;
    private JobDetail? _detail;
    private volatile JobList? _polledList;
    private volatile JobDetail? _polledDetail;
    private volatile string? _selected;
    private bool _busy;
    private ActionOutcome? _outcome;

    [Inject]
    public required GatewayClient Gateway { get; init; }

    protected override TimeSpan RenderInterval => TimeSpan.FromMilliseconds(250);

    protected override void Refresh()
    {
        _jobs = _polledList?.Jobs ?? _jobs;
        _detail = _polledDetail is { } detail && detail.Job.Id == _selected ? detail : _detail;
    }

    protected override async Task FeedAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, Time);
        do
        {
            await PollAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        if (await Gateway.JobsAsync(cancellationToken) is { } list)
        {
            _polledList = list;
            MarkDirty();
        }

        if (_selected is { } id && await Gateway.JobAsync(id, cancellationToken) is { } detail)
        {
            _polledDetail = detail;
            MarkDirty();
        }
    }

    private async Task Select(string id)
    {
        _selected = id;
        _outcome = null;
        _detail = await Gateway.JobAsync(id, Disposed);
    }

    private async Task CancelAsync()
    {
        if (_selected is not { } id)
        {
            return;
        }

        _busy = true;
        _outcome = await Gateway.CancelJobAsync(id, Disposed);
        _busy = false;
        await PollAsync(Disposed);
        Refresh();
    }
}
