using System.Collections.Concurrent;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.Inventory;
using Marten;
using Npgsql;

namespace Commerce.Bench.Rows;

/// Row 4, relay on its own: new products listed in Inventory's store at a steady pace (their integration
/// event only feeds Orders' catalog copy, so they start no checkout); the time from each commit to its
/// message reaching a probe queue. Run with the module's daemon settings, then with shorter polling
/// (a bench-side ConfigureMarten: what one line in ModuleStore would change).
public static class RelayRow
{
    const string Exchange = "Commerce.Inventory.Contracts:ProductListedIntegrationEvent";
    const int Writers = 4;

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services, InProcessApp app, string label, string prefix)
    {
        var seen = new ConcurrentDictionary<string, DateTimeOffset>();
        await using var rabbit = await Rabbit.Connect(services.Name);
        await rabbit.Probe(Exchange, "productId", (id, at) => seen.TryAdd(id, at));
        var store = (IDocumentStore)app.Services.GetService(typeof(IInventoryStore))!;

        List<double> p50 = [], p99 = [], rate = [];
        for (var run = 0; run < options.Runs; run++)
        {
            var sent = new ConcurrentBag<string>();
            long n = 0;
            var load = await Load.Run(Writers, TimeSpan.Zero, options.Window * 2, async _ =>
            {
                var id = $"{prefix}-{run}-{Interlocked.Increment(ref n)}";
                await using (var session = store.LightweightSession())
                {
                    session.Events.StartStream<Product>(id, new ProductListed(id, "Relayed mug", 10m, "EUR", TimeProvider.System.GetUtcNow()));
                    await session.SaveChangesAsync();
                }
                sent.Add(id);
                // A steady trickle, the relay's usual life, not a flood.
                await Task.Delay(25);
                return true;
            });
            if (load.FirstError is not null) Console.WriteLine($"  relay: {load.Errors} appends failed: {load.FirstError}");
            var until = TimeProvider.System.GetUtcNow().AddSeconds(options.Quick ? 10 : 20);
            while (sent.Any(id => !seen.ContainsKey(id)) && TimeProvider.System.GetUtcNow() < until) await Task.Delay(100);

            var latency = Load.NewHistogram();
            foreach (var (id, committed) in await Committed(services.ConnectionString, [.. sent]))
            {
                if (seen.TryGetValue(id, out var at)) latency.RecordValue(Math.Clamp((long)(at - committed).TotalMicroseconds, 0, Load.MaxMicros));
            }
            if (latency.TotalCount == 0)
            {
                Console.WriteLine($"  relay: nothing of {sent.Count} reached the probe; progression: " + await BenchServices.Scalar<string>(services.ConnectionString,
                    "SELECT string_agg(name || '=' || last_seq_id, ', ') || ' max=' || (SELECT max(seq_id) FROM inventory.mt_events) FROM inventory.mt_event_progression"));
            }
            p50.Add(latency.Ms(50));
            p99.Add(latency.Ms(99));
            rate.Add(latency.TotalCount / (options.Window * 2).TotalSeconds);
        }
        findings.Add(new Line("4", $"relay alone, commit -> on RabbitMQ, a steady trickle (4 writers, 25 ms apart): {label}", "events/s",
            new Metric(rate), new Metric(p50), null, new Metric(p99), Target: "publication < 10 ms"));
    }

    static async Task<Dictionary<string, DateTimeOffset>> Committed(string cs, string[] ids)
    {
        var found = new Dictionary<string, DateTimeOffset>();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stream_id, timestamp FROM inventory.mt_events WHERE stream_id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        return found;
    }
}
