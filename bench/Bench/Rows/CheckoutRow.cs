using System.Collections.Concurrent;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using HdrHistogram;
using Npgsql;

namespace Commerce.Bench.Rows;

/// Row 3: whole checkouts (create-order with a card -> saga -> stock -> payment -> confirmed) beside a
/// raw RabbitMQ round trip; and row 4's async projection lag and relay latency, measured under this load.
/// Place -> confirmed runs from the moment the client sends create-order to the commit timestamp of
/// OrderConfirmed (PostgreSQL's clock, the same machine).
public static class CheckoutRow
{
    const string OrderPlacedExchange = "Commerce.Orders.Contracts:OrderPlacedIntegrationEvent";

    public static async Task Run(BenchOptions options, Findings findings, LiveHost live)
    {
        var (cs, shopper, rabbit) = (live.Services.ConnectionString, live.Shopper, live.Rabbit);

        await rabbit.StartRoundTrips(32);
        List<LoadResult> single = [], many = [];
        for (var run = 0; run < options.Runs; run++)
        {
            single.Add(await Load.Run(1, options.WarmUp, options.Window, rabbit.RoundTrip));
            many.Add(await Load.Run(32, options.WarmUp, options.Window, rabbit.RoundTrip));
        }
        findings.Add(Line.FromLoad("3", "raw RabbitMQ: publish (confirmed, persistent) -> consumed, 1 in flight", single, "msgs/s"));
        var rawMany = Line.FromLoad("3", "raw RabbitMQ: publish (confirmed, persistent) -> consumed, 32 in flight", many, "msgs/s", "consumer > 10K/s");
        findings.Add(rawMany);

        var relayed = new ConcurrentDictionary<string, DateTimeOffset>();
        await rabbit.Probe(OrderPlacedExchange, "orderId", (id, at) => relayed.TryAdd(id, at));

        var c = options.CheckoutConcurrency;
        List<double> perSecond = [], p50 = [], p99 = [], relayP50 = [], relayP99 = [], relayRate = [];
        Dictionary<string, List<LongHistogram>> lags = [];
        long errors = 0;
        live.Memory.Reset();
        for (var run = 0; run < options.Runs; run++)
        {
            if (!options.Quick)
            {
                await Load.Run(c, TimeSpan.Zero, options.WarmUp, async _ => await shopper.PlaceOrder("tok_visa") is not null);
                await live.Settle(options.SettleDeadline);
            }

            var sent = new ConcurrentDictionary<string, DateTimeOffset>();
            await using (var lag = new LagSampler(cs, "orders"))
            {
                var load = await Load.Run(c, TimeSpan.Zero, options.CheckoutWindow, async _ =>
                {
                    var at = TimeProvider.System.GetUtcNow();
                    var id = await shopper.PlaceOrder("tok_visa");
                    if (id is not null) sent[id] = at;
                    return id is not null;
                });
                errors += load.Errors;
                var confirmed = await Timestamps(cs, "order_confirmed", sent.Keys, TimeSpan.FromSeconds(options.Quick ? 20 : 60));
                errors += sent.Count - confirmed.Count;
                var latency = Load.NewHistogram();
                foreach (var (id, at) in confirmed) latency.RecordValue(Micros(at - sent[id]));
                var span = confirmed.Count == 0 ? TimeSpan.FromSeconds(1) : confirmed.Values.Max() - sent.Values.Min();
                perSecond.Add(confirmed.Count / span.TotalSeconds);
                p50.Add(latency.Ms(50));
                p99.Add(latency.Ms(99));
                foreach (var (name, histogram) in lag.Lags) (lags.TryGetValue(name, out var list) ? list : lags[name] = []).Add(histogram);
            }

            var placed = await Timestamps(cs, "order_placed", sent.Keys, TimeSpan.FromSeconds(5));
            var relay = Load.NewHistogram();
            foreach (var (id, at) in placed)
            {
                if (relayed.TryGetValue(id, out var seen)) relay.RecordValue(Micros(seen - at));
            }
            relayP50.Add(relay.Ms(50));
            relayP99.Add(relay.Ms(99));
            relayRate.Add(relay.TotalCount / options.CheckoutWindow.TotalSeconds);
        }

        var checkout = new Line("3", $"checkout end to end: orders/s reaching confirmed, {c} clients placing with tok_visa", "orders/s",
            new Metric(perSecond), new Metric(p50), null, new Metric(p99), errors);
        findings.Add(checkout);
        findings.Ratio("3", "ratio checkouts/s / raw RabbitMQ msgs/s (32 in flight)", checkout, rawMany);
        findings.Add(new Line("6", "host peak RSS during row 3 (VmRSS sampled every 200 ms)", "MB", Metric.Of(live.Memory.Reset())));
        foreach (var (name, runs) in lags.OrderBy(l => l.Key))
        {
            var relayShard = name.StartsWith("integration-relay", StringComparison.Ordinal);
            findings.Add(new Line("4", $"{(relayShard ? "relay" : "async projection")} lag under row 3's load: orders {name} (max of samples)", "s",
                new Metric([.. runs.Select(h => HistogramExtensions.GetMaxValue(h) / 1000.0)]),
                new Metric([.. runs.Select(h => h.Ms(50) * 1000)]), null,
                new Metric([.. runs.Select(h => h.Ms(99) * 1000)]), Target: relayShard ? null : "< 5 s"));
        }
        findings.Add(new Line("4", "relay: OrderPlaced committed -> received from RabbitMQ by a probe queue", "events/s",
            new Metric(relayRate), new Metric(relayP50), null, new Metric(relayP99), Target: "publication < 10 ms"));
        findings.Note($"Rows 3-4: each run places orders for {options.CheckoutWindow.TotalSeconds:0} s with {c} concurrent clients, then waits for every " +
            "one to be confirmed; errors = orders refused or not confirmed in time. Lag is sampled every 250 ms during the placing window " +
            "(p50/p99 columns in ms); relay latency uses the event's commit timestamp in PostgreSQL and the probe's receive time.");
    }

    static long Micros(TimeSpan span) => Math.Clamp((long)span.TotalMicroseconds, 0, Load.MaxMicros);

    /// The commit timestamp of each stream's event of `type`, waiting up to `deadline` for all of them.
    static async Task<Dictionary<string, DateTimeOffset>> Timestamps(string cs, string type, ICollection<string> streams, TimeSpan deadline)
    {
        var ids = streams.ToArray();
        var until = TimeProvider.System.GetUtcNow() + deadline;
        var found = new Dictionary<string, DateTimeOffset>();
        while (true)
        {
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT stream_id, timestamp FROM orders.mt_events WHERE type = $1 AND stream_id = ANY($2)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = type });
                command.Parameters.Add(new NpgsqlParameter { Value = ids });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) found[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
            if (found.Count >= ids.Length || TimeProvider.System.GetUtcNow() > until) return found;
            await Task.Delay(250);
        }
    }
}
