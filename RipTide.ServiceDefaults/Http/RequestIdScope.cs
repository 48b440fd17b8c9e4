using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RipTide.ServiceDefaults.Http;

/// <summary>
/// Puts the request id on the request's trace (tag <c>riptide.request_id</c>) and into the scope of every
/// log line written while the request runs, so that one id finds a request's logs and traces in every service.
/// </summary>
public sealed class RequestIdScope(RequestDelegate next, ILoggerFactory loggers)
{
    public const string TagName = "riptide.request_id";
    public const string ScopeKey = "RequestId";

    // Scopes belong to the logger factory, not to one category: a scope opened here reaches every logger.
    private readonly ILogger _logger = loggers.CreateLogger("RipTide.Requests");

    public async Task InvokeAsync(HttpContext context)
    {
        var id = RequestIds.Get(context);
        Activity.Current?.SetTag(TagName, id);
        using (_logger.BeginScope(new RequestIdState(id)))
        {
            await next(context);
        }
    }

    /// <summary>A one-entry scope state that structured log exporters read as <c>RequestId = …</c>.</summary>
    private sealed class RequestIdState(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(ScopeKey, id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{ScopeKey}:{id}";
    }
}

public static class RequestIdScopeExtensions
{
    public static IApplicationBuilder UseRequestIdScope(this IApplicationBuilder app) => app.UseMiddleware<RequestIdScope>();
}
