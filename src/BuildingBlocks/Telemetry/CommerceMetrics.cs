using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Commerce.BuildingBlocks.Telemetry;

/// Our own instruments, on the one "Commerce" meter (exported beside the libraries' meters). Names follow
/// OpenTelemetry's conventions; Prometheus shows them with underscores, a unit suffix (`_seconds`) and
/// `_total` on counters, e.g. `commerce_checkout_duration_seconds_bucket`.
public static class CommerceMetrics
{
    public const string MeterName = Tracing.SourceName;

    static readonly Meter Meter = new(MeterName);

    // Seconds, from a fast append to a stalled checkout; OpenTelemetry's default buckets are milliseconds.
    static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = SecondsBuckets };

    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("commerce.commands", "{command}",
        "Commands handled, by command type and outcome (accepted, or what its problem details say: invalid, not_found, conflict, ...).");

    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram("commerce.command.duration", "s",
        "Time from handing a command to its handler to its result, by command type and outcome.", advice: Seconds);

    public static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>("commerce.events.appended", "{event}",
        "Events committed, by store and event type.");

    public static readonly Histogram<long> StreamLength = Meter.CreateHistogram("commerce.stream.length", "{event}",
        "A stream's length after each commit that appended to it, by store.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] });

    public static readonly Histogram<double> RelayPublishDuration = Meter.CreateHistogram("commerce.relay.publish.duration", "s",
        "Time the relay takes to publish one event to RabbitMQ until the broker confirms it, by store.", advice: Seconds);

    public static readonly Histogram<double> RelayLag = Meter.CreateHistogram("commerce.relay.lag", "s",
        "Age of each event when the relay has published it (commit to broker confirm), by store.", advice: Seconds);

    public static readonly Counter<long> CheckoutsStarted = Meter.CreateCounter<long>("commerce.checkouts.started", "{checkout}",
        "Orders placed, each of which starts a checkout.");

    public static readonly Counter<long> CheckoutsEnded = Meter.CreateCounter<long>("commerce.checkouts.ended", "{checkout}",
        "Checkouts ended, by outcome (confirmed or cancelled) and reason.");

    public static readonly Histogram<double> CheckoutDuration = Meter.CreateHistogram("commerce.checkout.duration", "s",
        "Time from placing an order to its checkout's end, by outcome.", advice: Seconds);

    public static readonly Counter<long> GatewayCalls = Meter.CreateCounter<long>("commerce.gateway.calls", "{call}",
        "Payment gateway calls, by operation (charge, refund) and outcome (approved, declined, refused, timeout, failed).");

    public static readonly Histogram<double> GatewayCallDuration = Meter.CreateHistogram("commerce.gateway.call.duration", "s",
        "Payment gateway call latency, by operation and outcome.", advice: Seconds);

    /// The gauges of what the operations monitor reads every few seconds (lag, leaders, queues, sagas).
    public static void Observe<T>(string name, string unit, string description, Func<IEnumerable<Measurement<T>>> read) where T : struct =>
        Meter.CreateObservableGauge(name, read, unit, description);

    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

    public static TagList Tags(params (string Key, object? Value)[] tags)
    {
        var list = new TagList();
        foreach (var (key, value) in tags) list.Add(key, value);
        return list;
    }
}
