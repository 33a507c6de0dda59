using System.Collections.Concurrent;
using System.Diagnostics;

namespace Commerce.Bench.Infrastructure;

/// What an open-loop window sent: each accepted operation's key with the moment it was due (not when it
/// went out, so a load generator that fell behind still charges the wait to the system), and the refusals.
public sealed record OpenLoopResult(IReadOnlyDictionary<string, DateTimeOffset> Sent, long Refused, TimeSpan Elapsed, string? FirstError);

/// An open loop: operations start on a fixed schedule (`rate` per second) whether or not earlier ones
/// have finished, as customers arrive at a shop; a closed loop would slow down with the system and hide
/// its backlog.
public static class OpenLoop
{
    public static async Task<OpenLoopResult> Run(double rate, TimeSpan duration, Func<Task<string?>> operation)
    {
        var sent = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var inFlight = new List<Task>();
        long refused = 0;
        string? firstError = null;
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();

        async Task Fire(DateTimeOffset due)
        {
            try
            {
                if (await operation() is { } key) sent[key] = due;
                else Interlocked.Increment(ref refused);
            }
#pragma warning disable CA1031 // a refused operation is counted, whatever it threw
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref refused);
                Interlocked.CompareExchange(ref firstError, $"{e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}", null);
            }
        }

        for (var i = 0; i < total; i++)
        {
            var dueIn = TimeSpan.FromSeconds(i / rate);
            var wait = dueIn - clock.Elapsed;
            // Task.Delay sleeps at least a millisecond: several due operations then go out together, each
            // still stamped with its own due time.
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            inFlight.Add(Task.Run(() => Fire(startedAt + dueIn)));
        }
        await Task.WhenAll(inFlight);
        return new OpenLoopResult(sent, refused, clock.Elapsed, firstError);
    }
}
