using System.Diagnostics;

namespace Commerce.BuildingBlocks.Telemetry;

/// Our own spans, and the one way a checkout's trace crosses what has no call stack: the event store
/// (each event keeps the W3C traceparent of the span that appended it, so the relay continues that
/// trace), the gateway calls and the deadlines (each keeps the traceparent of what asked for it).
public static class Tracing
{
    public const string SourceName = "Commerce";
    public const string TraceParentHeader = "traceparent";

    public static readonly ActivitySource Source = new(SourceName);

    /// The current span's W3C id, to store with work that another span will pick up later.
    public static string? Current => Activity.Current?.Id;

    /// A span that continues the trace a stored traceparent names (a new root when there is none, or it
    /// is not valid), whatever span happens to be current: a daemon page or a worker's poll is not the
    /// checkout's parent.
    public static Activity? Continue(string name, ActivityKind kind, string? traceParent)
    {
        var parent = ActivityContext.TryParse(traceParent, null, isRemote: true, out var stored) ? stored : default;
        var links = Activity.Current is { } current ? new[] { new ActivityLink(current.Context) } : null;
        return Source.StartActivity(name, kind, parent, links: links);
    }
}
