using System.Collections.Concurrent;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commerce.IntegrationTests.Inventory;

// The checkout saga's commands, sent over RabbitMQ the way Orders sends them. Each test waits until
// the host has consumed what it sent (or failed it for good), so "nothing changed" is checked after
// the message was handled, not merely before it arrived.
[Collection(AppHost.Name)]
public sealed class CheckoutStockTests : IDisposable
{
    readonly AppFixture app;
    readonly Api api;
    readonly Catalog catalog;
    readonly BusDeliveries deliveries;

    public CheckoutStockTests(AppFixture app)
    {
        this.app = app;
        api = new Api(app);
        catalog = new Catalog(app);
        deliveries = new BusDeliveries(app.Host.Services.GetRequiredService<IBus>());
    }

    public void Dispose() => deliveries.Dispose();

    [Fact]
    public async Task reserving_two_lines_reserves_on_both_products_and_records_the_order()
    {
        var (mug, cup) = (await catalog.Listed(stock: 5), await catalog.Listed(stock: 3));
        var order = Api.NewId("order");

        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2), new StockLine(cup, 3)]));

        Assert.Equal(new Stock(5, 2, 0, 3), await StockOf(mug));
        Assert.Equal(new Stock(3, 3, 0, 0), await StockOf(cup));
        var reserved = Assert.Single(await Events(Reservation(order)));
        Assert.Equal("order_stock_reserved", reserved.Type);
        Assert.Equal([mug, cup], reserved.Data.GetProperty("Lines").EnumerateArray().Select(l => l.Str("ProductId")));
    }

    [Fact]
    public async Task one_short_line_reserves_nothing_and_the_failure_names_the_product()
    {
        var (mug, cup) = (await catalog.Listed(stock: 5), await catalog.Listed(stock: 1));
        var order = Api.NewId("order");

        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2), new StockLine(cup, 3)]));

        Assert.Equal(new Stock(5, 0, 0, 5), await StockOf(mug));
        Assert.Equal(new Stock(1, 0, 0, 1), await StockOf(cup));
        Assert.Equal(2, await api.EventCount("inventory", mug));   // listed, received: untouched
        Assert.Equal("stock_reservation_failed", (await Events(cup))[^1].Type);
        var failed = Assert.Single(await Events(Reservation(order)));
        Assert.Equal("order_stock_reservation_failed", failed.Type);
        Assert.Equal($"Not enough '{cup}': 3 requested, 1 available.", failed.Data.Str("Reason"));
    }

    [Fact]
    public async Task an_unknown_product_fails_the_reservation_naming_it()
    {
        var mug = await catalog.Listed(stock: 5);
        var (order, missing) = (Api.NewId("order"), Api.NewId("sku"));

        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 1), new StockLine(missing, 1)]));

        Assert.Equal(new Stock(5, 0, 0, 5), await StockOf(mug));
        var failed = Assert.Single(await Events(Reservation(order)));
        Assert.Equal($"Product '{missing}' does not exist.", failed.Data.Str("Reason"));
        Assert.Equal(0, await api.EventCount("inventory", missing));
    }

    [Fact]
    public async Task a_repeated_reserve_reserves_once_whether_it_comes_later_or_at_the_same_time()
    {
        var mug = await catalog.Listed(stock: 10);
        var (later, together) = (Api.NewId("order"), Api.NewId("order"));

        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(later, [new StockLine(mug, 2)]));
        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(later, [new StockLine(mug, 2)]));
        await Task.WhenAll(
            deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(together, [new StockLine(mug, 3)])),
            deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(together, [new StockLine(mug, 3)])));

        Assert.Equal(new Stock(10, 5, 0, 5), await StockOf(mug));
        Assert.Equal(["order_stock_reserved"], (await Events(Reservation(later))).Select(e => e.Type));
        Assert.Equal(["order_stock_reserved"], (await Events(Reservation(together))).Select(e => e.Type));
    }

    [Fact]
    public async Task release_gives_the_stock_back_once()
    {
        var mug = await catalog.Listed(stock: 5);
        var order = Api.NewId("order");
        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2)]));

        await deliveries.Handled(InventoryQueues.Checkout, new ReleaseStock(order, "payment declined"));
        await deliveries.Handled(InventoryQueues.Checkout, new ReleaseStock(order, "payment declined"));

        Assert.Equal(new Stock(5, 0, 0, 5), await StockOf(mug));
        Assert.Equal(["stock_reservation_released"], (await Events(mug)).Skip(3).Select(e => e.Type));
        var events = await Events(Reservation(order));
        Assert.Equal(["order_stock_reserved", "order_stock_released"], events.Select(e => e.Type));
        Assert.Equal("payment declined", events[1].Data.Str("Reason"));
    }

    [Fact]
    public async Task commit_sells_the_reserved_stock_once()
    {
        var mug = await catalog.Listed(stock: 5);
        var order = Api.NewId("order");
        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2)]));

        await deliveries.Handled(InventoryQueues.Checkout, new CommitStock(order));
        await deliveries.Handled(InventoryQueues.Checkout, new CommitStock(order));

        Assert.Equal(new Stock(3, 0, 2, 3), await StockOf(mug));
        Assert.Equal(["order_stock_reserved", "order_stock_committed"], (await Events(Reservation(order))).Select(e => e.Type));
    }

    // Both commits read the reservation, then queue on the product's lock; the second to get it finds
    // the reservation moved on, fails its commit, and is retried into a no-op.
    [Fact]
    public async Task a_repeated_commit_that_loses_the_race_is_retried_and_sells_once()
    {
        var mug = await catalog.Listed(stock: 5);
        var order = Api.NewId("order");
        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2)]));

        Task both;
        await using (var connection = new NpgsqlConnection(app.Services.ConnectionString))
        {
            await connection.OpenAsync();
            await using var hold = await connection.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM inventory.mt_streams WHERE id = @id FOR UPDATE", connection, hold))
            {
                lockRow.Parameters.AddWithValue("id", mug);
                await lockRow.ExecuteScalarAsync();
            }
            both = Task.WhenAll(deliveries.Handled(InventoryQueues.Checkout, new CommitStock(order)), deliveries.Handled(InventoryQueues.Checkout, new CommitStock(order)));
            await Poll.Until(WaitingOnStreamLocks, n => n == 2, what: "both commits waiting on the product's lock");
            await hold.RollbackAsync();
        }
        await both;

        Assert.Equal(new Stock(3, 0, 2, 3), await StockOf(mug));
        Assert.Equal(["order_stock_reserved", "order_stock_committed"], (await Events(Reservation(order))).Select(e => e.Type));
    }

    [Fact]
    public async Task a_release_racing_the_reserve_of_its_order_leaves_nothing_reserved()
    {
        var mug = await catalog.Listed(stock: 5);
        var order = Api.NewId("order");

        await Task.WhenAll(
            deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2)])),
            deliveries.Handled(InventoryQueues.Checkout, new ReleaseStock(order, "checkout timed out")));

        Assert.Equal(new Stock(5, 0, 0, 5), await StockOf(mug));
        Assert.Equal("order_stock_released", (await Events(Reservation(order)))[^1].Type);
    }

    [Fact]
    public async Task a_commit_with_nothing_reserved_goes_to_the_error_queue_and_writes_nothing()
    {
        var order = Api.NewId("order");

        var error = await deliveries.Failed(InventoryQueues.Checkout, new CommitStock(order));

        Assert.Contains(order, error, StringComparison.Ordinal);
        Assert.Empty(await Events(Reservation(order)));
    }

    [Fact]
    public async Task two_orders_racing_for_the_last_unit_reserve_it_exactly_once()
    {
        var mug = await catalog.Listed(stock: 1);
        var (first, second) = (Api.NewId("order"), Api.NewId("order"));

        await Task.WhenAll(
            deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(first, [new StockLine(mug, 1)])),
            deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(second, [new StockLine(mug, 1)])));

        Assert.Equal(new Stock(1, 1, 0, 0), await StockOf(mug));
        var outcomes = new[] { (await Events(Reservation(first))).Single().Type, (await Events(Reservation(second))).Single().Type };
        Assert.Equal(["order_stock_reservation_failed", "order_stock_reserved"], outcomes.Order());
    }

    [Fact]
    public async Task many_orders_racing_for_a_few_units_never_take_more_than_there_is()
    {
        var (mug, cup) = (await catalog.Listed(stock: 3), await catalog.Listed(stock: 10));
        var orders = Enumerable.Range(0, 8).Select(_ => Api.NewId("order")).ToList();

        // Every order also takes a cup, so conflicts span two streams and orders reserve all or nothing.
        await Task.WhenAll(orders.Select(o => deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(o, [new StockLine(cup, 1), new StockLine(mug, 1)]))));

        Assert.Equal(new Stock(3, 3, 0, 0), await StockOf(mug));
        Assert.Equal(new Stock(10, 3, 0, 7), await StockOf(cup));
        var outcomes = new List<string>();
        foreach (var order in orders) outcomes.Add((await Events(Reservation(order))).Single().Type);
        Assert.Equal(3, outcomes.Count(t => t == "order_stock_reserved"));
        Assert.Equal(5, outcomes.Count(t => t == "order_stock_reservation_failed"));
    }

    [Fact]
    public async Task a_release_before_the_reserve_makes_the_late_reserve_change_nothing()
    {
        var mug = await catalog.Listed(stock: 5);
        var order = Api.NewId("order");

        await deliveries.Handled(InventoryQueues.Checkout, new ReleaseStock(order, "checkout timed out"));
        await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(order, [new StockLine(mug, 2)]));

        Assert.Equal(new Stock(5, 0, 0, 5), await StockOf(mug));
        Assert.Equal(["order_stock_released"], (await Events(Reservation(order))).Select(e => e.Type));
    }

    [Fact]
    public async Task each_outcome_is_published_as_an_integration_event()
    {
        var published = new ConcurrentQueue<object>();
        var bus = app.Host.Services.GetRequiredService<IBus>();
        var listener = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), null, endpoint =>
        {
            endpoint.Handler<StockReservedIntegrationEvent>(c => Collect(c.Message));
            endpoint.Handler<StockReservationFailedIntegrationEvent>(c => Collect(c.Message));
            endpoint.Handler<StockReleasedIntegrationEvent>(c => Collect(c.Message));
            endpoint.Handler<StockCommittedIntegrationEvent>(c => Collect(c.Message));
        });
        await listener.Ready;
        try
        {
            var mug = await catalog.Listed(stock: 2);
            var (sold, refused, released) = (Api.NewId("order"), Api.NewId("order"), Api.NewId("order"));

            await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(sold, [new StockLine(mug, 1)]));
            await deliveries.Handled(InventoryQueues.Checkout, new CommitStock(sold));
            await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(refused, [new StockLine(mug, 2)]));
            await deliveries.Handled(InventoryQueues.Checkout, new ReserveStock(released, [new StockLine(mug, 1)]));
            await deliveries.Handled(InventoryQueues.Checkout, new ReleaseStock(released, "payment declined"));

            // Earlier tests' outcomes may still be on their way to the same listener.
            string[] mine = [sold, refused, released];
            var messages = await Poll.Until(() => Task.FromResult(published.Where(m => mine.Contains(OrderIdOf(m))).ToArray()),
                m => m.Length >= 5, what: "five integration events");
            var reserved = messages.OfType<StockReservedIntegrationEvent>().ToList();
            Assert.Equal(new[] { sold, released }.Order(StringComparer.Ordinal), reserved.Select(r => r.OrderId).Order(StringComparer.Ordinal));
            Assert.All(reserved, r => Assert.Equal([new StockLine(mug, 1)], r.Lines));
            var failed = Assert.Single(messages.OfType<StockReservationFailedIntegrationEvent>());
            Assert.Equal((refused, mug, 2, 1), (failed.OrderId, failed.ProductId, failed.Requested, failed.Available));
            Assert.Equal(released, Assert.Single(messages.OfType<StockReleasedIntegrationEvent>()).OrderId);
            Assert.Equal(sold, Assert.Single(messages.OfType<StockCommittedIntegrationEvent>()).OrderId);
        }
        finally
        {
            await listener.StopAsync();
        }

        Task Collect(object message)
        {
            published.Enqueue(message);
            return Task.CompletedTask;
        }

        static string OrderIdOf(object message) => message switch
        {
            StockReservedIntegrationEvent m => m.OrderId,
            StockReservationFailedIntegrationEvent m => m.OrderId,
            StockReleasedIntegrationEvent m => m.OrderId,
            StockCommittedIntegrationEvent m => m.OrderId,
            _ => "",
        };
    }

    static string Reservation(string orderId) => $"reservation-{orderId}";

    sealed record Stock(long OnHand, long Reserved, long Sold, long Available);

    sealed record StoredEvent(string Type, JsonElement Data);

    async Task<Stock> StockOf(string sku)
    {
        var products = await api.Get("/api/v1/query/products");
        var row = products.Body.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == sku);
        return new Stock(row.Number("on_hand"), row.Number("reserved"), row.Number("sold"), row.Number("available"));
    }

    async Task<IReadOnlyList<StoredEvent>> Events(string streamKey)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT type, data::text FROM inventory.mt_events WHERE stream_id = @id ORDER BY version", connection);
        command.Parameters.AddWithValue("id", streamKey);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync()) events.Add(new StoredEvent(reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        return events;
    }

    async Task<long> WaitingOnStreamLocks()
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%mt_streams%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
