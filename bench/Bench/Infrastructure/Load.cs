using System.Diagnostics;
using HdrHistogram;

namespace Commerce.Bench.Infrastructure;

/// One measured window: operations that succeeded, those that failed, and the latency of every one
/// (HdrHistogram, microseconds, 3 significant digits).
public sealed record LoadResult(long Ops, long Errors, TimeSpan Elapsed, HistogramBase Latency, int ItemsPerOp = 1, string? FirstError = null)
{
    public double PerSecond => Ops * ItemsPerOp / Elapsed.TotalSeconds;

    public double Ms(double percentile) => Latency.Ms(percentile);
}

public static class Percentiles
{
    /// A percentile of microsecond samples in milliseconds; NaN when there is no sample.
    public static double Ms(this HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;
}

/// A closed loop: `workers` callers each start their next operation as soon as the last one ends,
/// first for a warm-up that is thrown away, then for the measured window.
public static class Load
{
    public const long MaxMicros = 120_000_000;

    public static LongHistogram NewHistogram() => new(MaxMicros, 3);

    public static async Task<LoadResult> Run(int workers, TimeSpan warmUp, TimeSpan window, Func<int, Task<bool>> operation, int itemsPerOp = 1)
    {
        if (warmUp > TimeSpan.Zero) await Window(workers, warmUp, operation);
        return await Window(workers, window, operation) with { ItemsPerOp = itemsPerOp };
    }

    static async Task<LoadResult> Window(int workers, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var histogram = NewHistogram();
            long ok = 0, failed = 0;
            string? firstError = null;
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool success;
                try
                {
                    success = await operation(w);
                }
#pragma warning disable CA1031 // a failed operation is counted, whatever it threw
                catch (Exception e)
#pragma warning restore CA1031
                {
                    success = false;
                    var root = e.GetBaseException();
                    firstError ??= $"{root.GetType().Name}: {root.Message}"[..Math.Min(300, root.Message.Length + root.GetType().Name.Length + 2)];
                }
                histogram.RecordValue(Math.Min(MaxMicros, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                if (success) ok++; else failed++;
            }
            return (histogram, ok, failed, firstError);
        })));
        var elapsed = clock.Elapsed;
        var all = NewHistogram();
        foreach (var r in results) all.Add(r.histogram);
        return new LoadResult(results.Sum(r => r.ok), results.Sum(r => r.failed), elapsed, all,
            FirstError: results.Select(r => r.firstError).FirstOrDefault(e => e is not null));
    }

    /// Times `count` calls one after the other (after `warmUps` untimed ones), in milliseconds.
    public static async Task<double[]> Repeat(int warmUps, int count, Func<Task> operation)
    {
        for (var i = 0; i < warmUps; i++) await operation();
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return times;
    }
}
