using System.Diagnostics;
using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Commerce.IntegrationTests.Relay;

/// The relay and the async projections never skip a committed event: a gap in a store's event sequence
/// is passed only once no transaction that could fill it is alive, and a gap in one store holds no
/// other store back.
[Collection(AppHost.Name)]
public sealed class NoSkippedEventTests(AppFixture app, ITestOutputHelper output)
{
    // The old 5 s stale-gap cap took 5-6 s to pass a dead gap; Marten's liveness check passes it after
    // StaleSequenceThreshold (250 ms) plus a polling round. Generous next to that, shorter than the cap.
    static readonly TimeSpan DeadGapPassed = TimeSpan.FromSeconds(4);
    static readonly TimeSpan SlowWriterHolds = TimeSpan.FromSeconds(10);

    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_rolled_back_append_leaves_a_gap_that_the_relay_passes_at_once()
    {
        var rolledBack = Api.NewId("sku");
        await using (var writer = await OpenWriter<IInventoryStore>())
        {
            writer.Session.Events.StartStream<Product>(rolledBack, new ProductListed(rolledBack, "Never listed", 1m, "EUR", DateTimeOffset.UtcNow));
            await writer.Session.SaveChangesAsync();
            await writer.Transaction.RollbackAsync();
        }

        var clock = Stopwatch.StartNew();
        var sku = Api.NewId("sku");
        await AddProduct(sku, 2.25m);
        await catalog.InOrdersCatalog(sku, 2.25m, DeadGapPassed);
        output.WriteLine($"the product after the gap reached Orders' catalog {clock.ElapsedMilliseconds} ms after its commit");
        Assert.Null(await catalog.OrdersCatalogPrice(rolledBack));
    }

    [Fact]
    public async Task a_rolled_back_order_leaves_a_gap_that_projections_and_checkouts_pass_at_once()
    {
        var sku = await catalog.Listed(stock: 5);
        var user = Api.NewId("user");
        await using (var writer = await OpenWriter<IOrdersStore>())
        {
            var orderId = Api.NewId("order");
            writer.Session.Events.StartStream<Order>(orderId, Placed(orderId, user, sku));
            await writer.Session.SaveChangesAsync();
            await writer.Transaction.RollbackAsync();
        }

        var clock = Stopwatch.StartNew();
        var placed = await shop.Order(sku, 1, user: user);
        await Poll.Until(() => OrdersOf(user), ids => ids.Contains(placed), DeadGapPassed, "the order after the gap in orders by user");
        output.WriteLine($"the order after the gap was projected {clock.ElapsedMilliseconds} ms after its commit");
        await shop.CheckoutEndsIn(placed, "confirmed");
        Assert.Equal([placed], await OrdersOf(user));
    }

    [Fact]
    public async Task an_append_committed_late_is_waited_for_then_relayed_projected_and_checked_out()
    {
        var sku = await catalog.Listed(stock: 20);
        var slowUser = Api.NewId("user");
        var slowOrder = Api.NewId("order");
        var others = new List<string>();
        await using (var writer = await OpenWriter<IOrdersStore>())
        {
            writer.Session.Events.StartStream<Order>(slowOrder, Placed(slowOrder, slowUser, sku));
            await writer.Session.SaveChangesAsync();

            // Other appends of the same store commit while the slow one is still open; their sequence
            // numbers are above its, so nothing of the store may be published past it until it ends.
            var held = Stopwatch.StartNew();
            while (held.Elapsed < SlowWriterHolds)
            {
                others.Add(await shop.Order(sku, 1));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            await writer.Transaction.CommitAsync();
        }

        await shop.CheckoutEndsIn(slowOrder, "confirmed");
        await Poll.Until(() => OrdersOf(slowUser), ids => ids.Contains(slowOrder), TimeSpan.FromSeconds(30), "the late order in orders by user");
        foreach (var other in others) await shop.CheckoutEndsIn(other, "confirmed", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task a_writer_holding_a_gap_in_one_store_does_not_hold_back_the_other_stores()
    {
        var sku = await catalog.Listed(stock: 5);
        await using var writer = await OpenWriter<IPaymentsStore>();
        var orderId = Api.NewId("order");
        writer.Session.Events.StartStream<Payment>(orderId, new PaymentRequested(orderId, 1m, "EUR", "tok_visa", DateTimeOffset.UtcNow));
        await writer.Session.SaveChangesAsync();

        // While Payments' writer is open, Inventory's relay (a new product reaches Orders' catalog) and
        // Orders' relay (a placed order starts its checkout) go on.
        var newSku = Api.NewId("sku");
        await AddProduct(newSku, 4.75m);
        await catalog.InOrdersCatalog(newSku, 4.75m, SlowWriterHolds);
        var placed = await shop.Order(sku, 1);
        await Poll.Until(() => api.Get($"/api/v1/query/checkouts/{placed}"), r => r.Status == HttpStatusCode.OK,
            SlowWriterHolds, "the checkout of an order placed while Payments is held");
        Assert.Equal(System.Data.ConnectionState.Open, writer.Transaction.Connection?.State);
        await writer.Transaction.RollbackAsync();
    }

    async Task AddProduct(string sku, decimal price)
    {
        var listed = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = $"Product {sku}", price, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Accepted, listed.Status);
    }

    static OrderPlaced Placed(string orderId, string user, string sku) =>
        new(orderId, user, [new OrderLine(sku, $"Product {sku}", 1, 9.50m)], 9.50m, "EUR", "tok_visa", DateTimeOffset.UtcNow);

    async Task<IReadOnlyList<string>> OrdersOf(string user)
    {
        var reply = await api.Get($"/api/v1/query/orders/{user}");
        return reply.Status != HttpStatusCode.OK ? [] : [.. reply.Body.GetProperty("orders").EnumerateArray().Select(o => o.Str("order_id"))];
    }

    /// A Marten session of the module's store inside a transaction the test commits or rolls back.
    async Task<Writer> OpenWriter<TStore>() where TStore : IDocumentStore
    {
        var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var session = app.Host.Services.GetRequiredService<TStore>().LightweightSession(SessionOptions.ForTransaction(transaction));
        return new Writer(connection, transaction, session);
    }

    sealed record Writer(NpgsqlConnection Connection, NpgsqlTransaction Transaction, IDocumentSession Session) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
