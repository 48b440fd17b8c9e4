using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RipTide.Tests.TestSite;

/// <summary>A webhook receiver on 127.0.0.1 that records every POST (headers and raw body) and answers a fixed status.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string? Event, string? Signature, string? Custom, byte[] Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries;

    private WebhookReceiver(WebApplication app, Uri url, ConcurrentQueue<Delivery> deliveries)
    {
        _app = app;
        Url = url;
        _deliveries = deliveries;
    }

    public Uri Url { get; }

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public static async Task<WebhookReceiver> StartAsync(int status = 200)
    {
        var app = LoopbackServer.Create();
        var deliveries = new ConcurrentQueue<Delivery>();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            deliveries.Enqueue(new Delivery(request.Headers["X-RipTide-Event"], request.Headers["X-RipTide-Signature"], request.Headers["X-Custom"], body.ToArray()));
            return Results.StatusCode(status);
        });
        return new WebhookReceiver(app, new Uri(await LoopbackServer.StartAsync(app), "hook"), deliveries);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
