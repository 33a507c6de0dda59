using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Commerce.BuildingBlocks.Telemetry;

/// Every log line written while a request, a broker message or a background step of a checkout is handled
/// carries its correlation id (a log scope, beside the trace and span ids the host adds), and its span
/// is tagged with it, so a trace, its logs and its events' metadata are found by the same id.
public static class Correlated
{
    public const string SpanTag = "commerce.correlation_id";

    // A message template: structured sinks get the value by name, the console prints "CorrelationId:…".
    static readonly Func<ILogger, string, IDisposable?> Begin = LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    public static IDisposable? Scope(ILogger logger, string? correlationId)
    {
        if (string.IsNullOrEmpty(correlationId)) return null;
        Activity.Current?.SetTag(SpanTag, correlationId);
        return Begin(logger, correlationId);
    }
}
