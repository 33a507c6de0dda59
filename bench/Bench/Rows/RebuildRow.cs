using System.Diagnostics;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.BuildingBlocks.Modules;
using Commerce.Orders;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;

namespace Commerce.Bench.Rows;

/// Row 4, rebuild: Orders' three projections (order details inline, sales by day and user activity
/// async) rebuilt by Marten's daemon over a seeded history of checkouts. The store is configured like
/// Orders' (ModuleStore conventions, the same projections) in a schema of its own, without the relay,
/// so the replay publishes nothing.
public static class RebuildRow
{
    const string Row = "4";
    public const int EventsPerOrder = 4;

    static readonly Type[] Projections = [typeof(OrderDetailsProjection), typeof(SalesByDayProjection), typeof(UserActivityProjection)];

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        using var store = DocumentStore.For(o =>
        {
            ModuleStore.Configure(o, services.ConnectionString, "bench_rebuild",
                [typeof(OrderPlaced), typeof(CheckoutStockReserved), typeof(CheckoutPaymentCharged), typeof(OrderConfirmed)]);
            o.Projections.Add<OrderDetailsProjection>(ProjectionLifecycle.Inline);
            o.Projections.Add<SalesByDayProjection>(ProjectionLifecycle.Async);
            o.Projections.Add<UserActivityProjection>(ProjectionLifecycle.Async);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var orders = options.RebuildOrders;
        var events = (long)orders * EventsPerOrder;
        var seeding = Stopwatch.StartNew();
        await Seed(store, orders);
        seeding.Stop();
        findings.Add(new Line(Row, $"seed {events:N0} events (Marten BulkInsertEventsAsync, COPY)", "ev/s", Metric.Of(events / seeding.Elapsed.TotalSeconds)));

        using var daemon = await store.BuildProjectionDaemonAsync();
        var total = Stopwatch.StartNew();
        foreach (var projection in Projections)
        {
            var one = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(20), CancellationToken.None);
            findings.Add(new Line(Row, $"rebuild {projection.Name} over {events:N0} events", "ev/s", Metric.Of(events / one.Elapsed.TotalSeconds)));
        }
        total.Stop();
        var perSecond = events / total.Elapsed.TotalSeconds;
        findings.Add(new Line(Row, $"rebuild all {Projections.Length} projections over {events:N0} events ({total.Elapsed.TotalSeconds:0.0} s)", "ev/s",
            Metric.Of(perSecond), Target: "whole history well within 1 h"));
        findings.Note($"Row 4 rebuild: one run ({orders:N0} orders x {EventsPerOrder} events: placed, stock reserved, paid, confirmed); " +
            $"at {perSecond:N0} events/s one hour replays {perSecond * 3600 / 1e6:0.#} million events into all three projections.");

        await using var check = store.QuerySession();
        var details = await check.Query<OrderDetails>().CountAsync();
        if (details != orders) throw new InvalidOperationException($"The rebuild left {details} order details, expected {orders}.");
    }

    /// Orders placed, reserved, paid and confirmed, written with COPY: "{prefix}-00000001" on.
    public static async Task Seed(DocumentStore store, int orders, string prefix = "order")
    {
        var registry = (EventGraph)store.Options.Events;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int chunk = 10_000;
        for (var first = 0; first < orders; first += chunk)
        {
            var streams = Enumerable.Range(first, Math.Min(chunk, orders - first)).Select(i =>
            {
                var id = $"{prefix}-{i:D8}";
                var at = start.AddSeconds(i * 10);
                var lines = new[] { new OrderLine($"sku-{i % 50}", "Bench mug", 1 + i % 3, 9.5m) };
                var total = lines.Sum(l => l.LineTotal);
                return StreamAction.Start(registry, id,
                    new OrderPlaced(id, $"user-{i % 1_000}", lines, total, "EUR", "tok_visa", at),
                    new CheckoutStockReserved(id, at.AddMilliseconds(50)),
                    new CheckoutPaymentCharged(id, total, at.AddMilliseconds(120)),
                    new OrderConfirmed(id, total, "EUR", lines.Sum(l => l.Quantity), at.AddMilliseconds(150)));
            }).ToList();
            await store.BulkInsertEventsAsync(streams, 5_000);
        }
    }
}
