using Commerce.Testing;
using HdrHistogram;
using Npgsql;

namespace Commerce.Bench.Infrastructure;

/// Samples in the background until disposed: the host's resident memory, or the projections' lag.
public abstract class Sampler : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    Task? loop;

    protected void Start(TimeSpan every) => loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await Sample();
                }
                catch (Exception e) when (e is NpgsqlException or IOException)
                {
                    // A missed sample: the next one comes in a moment.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    });

    protected abstract Task Sample();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null) await loop;
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// The host's VmRSS every 200 ms: the peak since the last Reset.
public sealed class MemorySampler : Sampler
{
    readonly HostProcess host;
    double peak;

    public MemorySampler(HostProcess host)
    {
        this.host = host;
        Start(TimeSpan.FromMilliseconds(200));
    }

    public double Reset() => Interlocked.Exchange(ref peak, 0);

    protected override Task Sample()
    {
        var rss = host.Memory().Rss;
        double seen;
        do seen = peak; while (rss > seen && Interlocked.CompareExchange(ref peak, rss, seen) != seen);
        return Task.CompletedTask;
    }
}

/// Every 250 ms, how long the oldest event each async projection (and relay) of a store has not yet
/// processed has been waiting: 0 when it is caught up.
public sealed class LagSampler : Sampler
{
    readonly string connectionString;
    readonly string schema;
    readonly Dictionary<string, LongHistogram> lags = [];

    public LagSampler(string connectionString, string schema)
    {
        this.connectionString = connectionString;
        this.schema = schema;
        Start(TimeSpan.FromMilliseconds(250));
    }

    /// Lag samples (milliseconds) per projection or relay name.
    public IReadOnlyDictionary<string, LongHistogram> Lags
    {
        get { lock (lags) return lags.ToDictionary(l => l.Key, l => (LongHistogram)l.Value.Copy()); }
    }

    protected override async Task Sample()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT p.name, coalesce(extract(epoch FROM clock_timestamp() -
                (SELECT e.timestamp FROM {schema}.mt_events e WHERE e.seq_id > p.last_seq_id ORDER BY e.seq_id LIMIT 1)), 0)::float8
            FROM {schema}.mt_event_progression p WHERE p.name NOT LIKE 'HighWater%'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0).Replace(":All", "", StringComparison.Ordinal);
            var ms = (long)Math.Max(0, reader.GetDouble(1) * 1000);
            lock (lags)
            {
                if (!lags.TryGetValue(name, out var histogram)) lags[name] = histogram = Load.NewHistogram();
                histogram.RecordValue(Math.Min(ms, Load.MaxMicros));
            }
        }
    }
}

/// Waits until the host has caught up: every async projection and relay of every store at the highest
/// event sequence and no message ready in the app's queues.
public static class Settle
{
    static readonly string[] Schemas = ["orders", "inventory", "payments"];

    public static async Task<bool> Until(string connectionString, Rabbit rabbit, IReadOnlyList<string> queues, TimeSpan deadline)
    {
        var until = TimeProvider.System.GetUtcNow() + deadline;
        while (TimeProvider.System.GetUtcNow() < until)
        {
            long behind = 0;
            foreach (var schema in Schemas)
            {
                behind += await BenchServices.Scalar<long>(connectionString, $"""
                    SELECT greatest(0, coalesce((SELECT max(seq_id) FROM {schema}.mt_events), 0)
                        - coalesce((SELECT min(last_seq_id) FROM {schema}.mt_event_progression WHERE name NOT LIKE 'HighWater%'), 0))
                    """);
            }
            if (behind == 0 && await rabbit.Ready(queues) == 0) return true;
            await Task.Delay(250);
        }
        return false;
    }
}

/// Every second, how many orders placed since `after` (an event sequence in Orders' store) are not yet
/// confirmed: a backlog that keeps growing means the checkout cannot keep up with the offered rate.
public sealed class BacklogSampler : Sampler
{
    readonly string connectionString;
    readonly long after;
    readonly List<long> backlog = [];

    public BacklogSampler(string connectionString, long after)
    {
        this.connectionString = connectionString;
        this.after = after;
        Start(TimeSpan.FromSeconds(1));
    }

    public IReadOnlyList<long> Samples
    {
        get { lock (backlog) return [.. backlog]; }
    }

    protected override async Task Sample()
    {
        var (placed, confirmed) = await EventTimes.PlacedAndConfirmed(connectionString, after);
        lock (backlog) backlog.Add(placed - confirmed);
    }
}
