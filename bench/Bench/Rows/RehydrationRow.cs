using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.Inventory;
using Marten;
using JasperFx.Events.Projections;

namespace Commerce.Bench.Rows;

/// Row 5: one Product with 10,000 events, loaded by full replay and with a snapshot. Our branch has no
/// snapshot configured, so the snapshot cases use the bench's own stores: one registering
/// Snapshot<Product>(Inline) (FetchForWriting then reads the document), and one where a stored copy at
/// version N-100 is the starting state and only the last 100 events are replayed.
public static class RehydrationRow
{
    const string Row = "5";
    const int Tail = 100;

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        var count = options.RehydrateEvents;
        using var replay = new MartenAlone(services.ConnectionString, "bench_replay");
        using var snapshot = new MartenAlone(services.ConnectionString, "bench_snapshot",
            o => o.Projections.Snapshot<Product>(SnapshotLifecycle.Inline));
        await replay.Create();
        await snapshot.Create();
        const string id = "rehydrate-1";
        await Seed(replay.Store, id, count);
        await Seed(snapshot.Store, id, count);

        // A copy of the state at version count - Tail, kept as a document of its own type.
        await using (var session = replay.Store.LightweightSession())
        {
            var at = await session.Events.AggregateStreamAsync<Product>(id, version: count - Tail);
            session.Store(new ProductSnapshot(id, count - Tail, at!));
            await session.SaveChangesAsync();
        }

        var full = await Load.Repeat(2, options.RehydrateRepeats, async () =>
        {
            await using var session = replay.Store.QuerySession();
            Check(await session.Events.AggregateStreamAsync<Product>(id), count);
        });
        var fetch = await Load.Repeat(2, options.RehydrateRepeats, async () =>
        {
            await using var session = replay.Store.LightweightSession();
            Check((await session.Events.FetchForWriting<Product>(id)).Aggregate, count);
        });
        var tail = await Load.Repeat(2, options.RehydrateRepeats, async () =>
        {
            await using var session = replay.Store.QuerySession();
            var stored = await session.LoadAsync<ProductSnapshot>(id);
            Check(await session.Events.AggregateStreamAsync(id, fromVersion: stored!.Version + 1, state: stored.State), count);
        });
        var inline = await Load.Repeat(2, options.RehydrateRepeats, async () =>
        {
            await using var session = snapshot.Store.LightweightSession();
            Check((await session.Events.FetchForWriting<Product>(id)).Aggregate, count);
        });

        findings.Add(new Line(Row, $"{count:N0} events, no snapshot: AggregateStreamAsync (full replay)", "ms", new Metric(full)));
        findings.Add(new Line(Row, $"{count:N0} events, no snapshot: FetchForWriting (what a handler does today)", "ms", new Metric(fetch)));
        findings.Add(new Line(Row, $"{count:N0} events, snapshot at {count - Tail:N0} + {Tail} events replayed", "ms", new Metric(tail), Target: "< 500 ms"));
        findings.Add(new Line(Row, $"{count:N0} events, Snapshot<Product>(Inline): FetchForWriting", "ms", new Metric(inline), Target: "< 500 ms"));
        findings.Note($"Row 5: the modules snapshot products inline (Inventory); these figures come from the bench's own stores " +
            $"(Snapshot<Product>(SnapshotLifecycle.Inline), and a stored state at version {count - Tail:N0} + AggregateStreamAsync of the last {Tail}). " +
            $"{options.RehydrateRepeats} timed loads after 2 untimed ones; the spread is min-max of those loads.");
    }

    static async Task Seed(IDocumentStore store, string id, int count)
    {
        var now = TimeProvider.System.GetUtcNow();
        await using (var start = store.LightweightSession())
        {
            start.Events.StartStream<Product>(id, new ProductListed(id, "Rehydrated mug", 10m, "EUR", now));
            await start.SaveChangesAsync();
        }
        for (var done = 1; done < count; done += 1_000)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(id, Enumerable.Range(0, Math.Min(1_000, count - done)).Select(_ => (object)new StockReceived(id, 1, now)).ToArray());
            await session.SaveChangesAsync();
        }
    }

    static void Check(Product? product, int count)
    {
        if (product?.OnHand != count - 1) throw new InvalidOperationException($"Rehydrated {product?.OnHand} units, expected {count - 1}.");
    }
}

public sealed record ProductSnapshot(string Id, long Version, Product State);
