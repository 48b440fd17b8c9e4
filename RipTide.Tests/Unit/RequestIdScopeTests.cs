using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Tests.Unit;

public sealed partial class RequestIdScopeTests
{
    [LoggerMessage(1, LogLevel.Information, "handling")]
    private static partial void Handling(ILogger logger);

    [Fact]
    public async Task Log_lines_written_during_a_request_carry_its_id_and_so_does_its_trace()
    {
        var provider = new ScopeCapturingProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(provider));
        var logger = loggers.CreateLogger("Handler");
        var middleware = new RequestIdScope(_ =>
        {
            Handling(logger);
            return Task.CompletedTask;
        }, loggers);
        var context = new DefaultHttpContext();
        context.Request.Headers[RequestIds.HeaderName] = "req-42";
        using var activity = new Activity("request").Start();

        await middleware.InvokeAsync(context);

        Assert.Equal("req-42", activity.GetTagItem(RequestIdScope.TagName));
        var scope = Assert.Single(provider.ScopesOfLine("handling"));
        Assert.Contains(new KeyValuePair<string, object?>(RequestIdScope.ScopeKey, "req-42"), scope);
    }

    /// <summary>Records, for each log line, the scope values in force when it was written.</summary>
    private sealed class ScopeCapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly List<(string Message, List<IReadOnlyList<KeyValuePair<string, object?>>> Scopes)> _lines = [];
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IEnumerable<IReadOnlyList<KeyValuePair<string, object?>>> ScopesOfLine(string message) =>
            _lines.Where(line => line.Message == message).SelectMany(line => line.Scopes);

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<IReadOnlyList<KeyValuePair<string, object?>>>();
                owner._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IReadOnlyList<KeyValuePair<string, object?>> values)
                    {
                        list.Add(values);
                    }
                }, scopes);
                owner._lines.Add((formatter(state, exception), scopes));
            }
        }
    }
}
