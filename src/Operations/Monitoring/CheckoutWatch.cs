using System.Diagnostics.Metrics;
using Commerce.BuildingBlocks.Telemetry;

namespace Commerce.Operations.Monitoring;

/// This host's checkouts over the last minute, for the operations page: read from the same instruments
/// /metrics exports (a listener on the Commerce meter), so the page and Prometheus cannot disagree.
public sealed class CheckoutWatch : IDisposable
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    readonly MeterListener listener = new();
    readonly Queue<(DateTimeOffset At, string What, double Seconds)> seen = new();
    readonly TimeProvider clock;

    public CheckoutWatch(TimeProvider clock)
    {
        this.clock = clock;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CommerceMetrics.MeterName &&
                instrument.Name is "commerce.checkouts.started" or "commerce.checkouts.ended" or "commerce.checkout.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Started and ended (by outcome) are counters; the duration histogram gives the latencies.
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            Add(instrument.Name == "commerce.checkouts.started" ? "started" : Outcome(tags), double.NaN));
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Add("duration", seconds));
        listener.Start();
    }

    public CheckoutRates Rates()
    {
        (DateTimeOffset At, string What, double Seconds)[] recent;
        lock (seen)
        {
            Prune(clock.GetUtcNow());
            recent = [.. seen];
        }
        var durations = recent.Where(s => s.What == "duration").Select(s => s.Seconds).Order().ToArray();
        double PerSecond(string what) => Math.Round(recent.Count(s => s.What == what) / Window.TotalSeconds, 2);
        double? Percentile(double p) =>
            durations.Length == 0 ? null : Math.Round(durations[Math.Min(durations.Length - 1, (int)Math.Ceiling(p * durations.Length) - 1)] * 1000);
        return new CheckoutRates(PerSecond("started"), PerSecond("confirmed"), PerSecond("cancelled"), Percentile(0.5), Percentile(0.99),
            (int)Window.TotalSeconds);
    }

    static string Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome") return tag.Value as string ?? "ended";
        }
        return "ended";
    }

    void Add(string what, double seconds)
    {
        var now = clock.GetUtcNow();
        lock (seen)
        {
            seen.Enqueue((now, what, seconds));
            Prune(now);
        }
    }

    void Prune(DateTimeOffset now)
    {
        while (seen.TryPeek(out var oldest) && now - oldest.At > Window) seen.Dequeue();
    }

    public void Dispose() => listener.Dispose();
}

/// Per second over the window, and the place → end latency of the checkouts that ended in it.
public sealed record CheckoutRates(double StartedPerSecond, double ConfirmedPerSecond, double CancelledPerSecond,
    double? P50Milliseconds, double? P99Milliseconds, int WindowSeconds);
