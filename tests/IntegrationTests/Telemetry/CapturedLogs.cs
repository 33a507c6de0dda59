using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Telemetry;

/// Every log line of a host with the values of its scopes (trace id, correlation id, ...), as a
/// structured log sink would receive them.
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    public sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string> Scope, string? Exception = null);

    readonly List<Line> lines = [];
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<Line> Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string>();
            sink.scopes.ForEachScope((value, into) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs) into[key] = item?.ToString() ?? "";
                }
            }, scope);
            lock (sink.lines) sink.lines.Add(new Line(category, logLevel, formatter(state, exception), scope, exception?.ToString()));
        }
    }
}
