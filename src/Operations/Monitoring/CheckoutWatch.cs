using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Commerce.BuildingBlocks.Telemetry;

namespace Commerce.Operations.Monitoring;

/// This host's checkouts over the last minute, for the operations page: read from the same instruments
/// /metrics exports (a listener on the Commerce meter), so the page and Prometheus cannot disagree.
public sealed class CheckoutWatch : IDisposable
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    readonly MeterListener listener = new();
    readonly ConcurrentQueue<(DateTimeOffset At, string What, double Seconds)> seen = new();
    readonly TimeProvider clock;

    public CheckoutWatch(TimeProvider clock)
    {
        this.clock = clock;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CommerceMetrics.MeterName &&
                instrument.Name is "commerce.checkouts.started" or "commerce.checkout.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Add("started", 0));
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") Add(tag.Value as string ?? "ended", seconds);
            }
        });
        listener.Start();
    }

    public CheckoutRates Rates()
    {
        Prune(clock.GetUtcNow());
        var recent = seen.ToArray();
        var ended = recent.Where(s => s.What != "started").Select(s => s.Seconds).Order().ToArray();
        double PerSecond(string what) => Math.Round(recent.Count(s => s.What == what) / Window.TotalSeconds, 2);
        double? Percentile(double p) => ended.Length == 0 ? null : Math.Round(ended[Math.Min(ended.Length - 1, (int)Math.Ceiling(p * ended.Length) - 1)] * 1000);
        return new CheckoutRates(PerSecond("started"), PerSecond("confirmed"), PerSecond("cancelled"), Percentile(0.5), Percentile(0.99),
            (int)Window.TotalSeconds);
    }

    void Add(string what, double seconds)
    {
        var now = clock.GetUtcNow();
        seen.Enqueue((now, what, seconds));
        Prune(now);
    }

    void Prune(DateTimeOffset now)
    {
        while (seen.TryPeek(out var oldest) && now - oldest.At > Window) seen.TryDequeue(out _);
    }

    public void Dispose() => listener.Dispose();
}

/// Per second over the window, and the place → end latency of the checkouts that ended in it.
public sealed record CheckoutRates(double StartedPerSecond, double ConfirmedPerSecond, double CancelledPerSecond,
    double? P50Milliseconds, double? P99Milliseconds, int WindowSeconds);
