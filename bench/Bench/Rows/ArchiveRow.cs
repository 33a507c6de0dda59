using System.Diagnostics;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.BuildingBlocks.Modules;
using Commerce.Orders;
using Marten;
using Npgsql;

namespace Commerce.Bench.Rows;

/// Row 9: appends and reads of live order streams, in a store with our settings (archived streams in
/// a partition of their own), first with little history, then after a large history of ended orders
/// was archived (as the retention job does). The hot partition holds the live streams only, so the
/// figures should not move.
public static class ArchiveRow
{
    const string Row = "9";
    const int LiveOrders = 1_000;
    const int Writers = 8;
    const int ArchiveBatch = 1_000;

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        using var store = DocumentStore.For(o => ModuleStore.Configure(o, services.ConnectionString, "bench_archive",
            [typeof(OrderPlaced), typeof(CheckoutStockReserved), typeof(CheckoutPaymentCharged), typeof(OrderConfirmed), typeof(OrderShipped)]));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await RebuildRow.Seed(store, LiveOrders, "live");

        var before = await Measure(options, store);
        var orders = options.ArchivedOrders;
        var events = (long)orders * RebuildRow.EventsPerOrder;
        await RebuildRow.Seed(store, orders, "ended");
        var archiving = Stopwatch.StartNew();
        for (var first = 0; first < orders; first += ArchiveBatch)
        {
            await using var session = store.LightweightSession();
            for (var i = first; i < Math.Min(orders, first + ArchiveBatch); i++) session.Events.ArchiveStream($"ended-{i:D8}");
            await session.SaveChangesAsync();
        }
        archiving.Stop();
        findings.Add(new Line(Row, $"archive {orders:N0} ended orders' streams ({events:N0} events), {ArchiveBatch:N0} per commit", "streams/s",
            Metric.Of(orders / archiving.Elapsed.TotalSeconds)));
        var after = await Measure(options, store);

        foreach (var (what, unit, runsBefore, runsAfter) in new[]
        {
            ("append one event to a live order (Events.Append + commit)", "ev/s", before.Appends, after.Appends),
            ("load a live order for a command (FetchForWriting<Order>)", "loads/s", before.Loads, after.Loads),
            ("read a live order's events (FetchStreamAsync)", "reads/s", before.Reads, after.Reads),
        })
        {
            var little = Line.FromLoad(Row, $"{what}, {Writers} clients, {LiveOrders:N0} live orders and no archive", runsBefore, unit);
            var large = Line.FromLoad(Row, $"{what}, {Writers} clients, beside {events:N0} archived events", runsAfter, unit);
            findings.Add(little);
            findings.Add(large);
            findings.Ratio(Row, $"ratio with / without the archived history: {what}", large, little, "≈ 1");
        }
        var (hot, archived) = await Rows(services.ConnectionString);
        findings.Note($"Row 9: after archiving, mt_events holds {hot:N0} live rows and {archived:N0} archived ones (its archived partition); " +
            "appends, loads and reads of live orders touch the live partition only.");
    }

    sealed record Figures(List<LoadResult> Appends, List<LoadResult> Loads, List<LoadResult> Reads);

    static async Task<Figures> Measure(BenchOptions options, DocumentStore store)
    {
        var figures = new Figures([], [], []);
        for (var run = 0; run < options.Runs; run++)
        {
            figures.Appends.Add(await Load.Run(Writers, options.WarmUp, options.Window, async w =>
            {
                await using var session = store.LightweightSession();
                session.Events.Append(Live(w), new CheckoutStockReserved(Live(w), TimeProvider.System.GetUtcNow()));
                await session.SaveChangesAsync();
                return true;
            }));
            // The other live orders, which the appends above do not lengthen.
            var next = 0;
            figures.Loads.Add(await Load.Run(Writers, options.WarmUp, options.Window, async _ =>
            {
                await using var session = store.LightweightSession();
                return (await session.Events.FetchForWriting<Order>(Live(Writers + Interlocked.Increment(ref next) % (LiveOrders - Writers)))).Aggregate is not null;
            }));
            figures.Reads.Add(await Load.Run(Writers, options.WarmUp, options.Window, async _ =>
            {
                await using var session = store.QuerySession();
                return (await session.Events.FetchStreamAsync(Live(Writers + Interlocked.Increment(ref next) % (LiveOrders - Writers)))).Count > 0;
            }));
        }
        return figures;
    }

    static string Live(int i) => $"live-{i:D8}";

    static async Task<(long Hot, long Archived)> Rows(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE NOT is_archived), count(*) FILTER (WHERE is_archived) FROM bench_archive.mt_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
