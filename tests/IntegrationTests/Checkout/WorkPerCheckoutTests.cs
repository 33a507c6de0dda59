using System.Collections.Concurrent;
using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using Marten;
using Marten.Services;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Checkout;

/// Every commit of the three stores, filed under the correlation id of the request that caused it (the
/// checkout carries the create-order's id from module to module).
public sealed class WorkLog
{
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> commits = new(StringComparer.Ordinal);

    public IReadOnlyList<string> CommitsOf(string correlationId) => commits.TryGetValue(correlationId, out var q) ? [.. q.Order(StringComparer.Ordinal)] : [];

    public IDocumentSessionListener For(string store) => new StoreCommits(this, store);

    sealed class StoreCommits(WorkLog log, string store) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            var written = commit.GetEvents().Select(e => e.EventTypeName)
                .Concat(commit.Inserted.Concat(commit.Updated).Select(d => d.GetType().Name + "+"))
                .Concat(commit.Deleted.Select(d => d.GetType().Name + "-"))
                .Order(StringComparer.Ordinal).ToList();
            if (session.CorrelationId is { } id && written.Count > 0)
                log.commits.GetOrAdd(id, _ => new()).Enqueue($"{store}: {string.Join(" ", written)}");
            return Task.CompletedTask;
        }
    }
}

public sealed class WorkLogApp : AppFixture
{
    public WorkLog Log { get; } = new();

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        services.ConfigureMarten<IOrdersStore>(o => o.Listeners.Add(Log.For("orders")));
        services.ConfigureMarten<IInventoryStore>(o => o.Listeners.Add(Log.For("inventory")));
        services.ConfigureMarten<IPaymentsStore>(o => o.Listeners.Add(Log.For("payments")));
    });
}

[CollectionDefinition(Name)]
public sealed class WorkLogHost : ICollectionFixture<WorkLogApp>
{
    public const string Name = "work log";
}

/// What one happy checkout costs, counted: the commits of every store and the RabbitMQ deliveries it
/// makes. Work done twice (a second history of the checkout, a step written in a transaction of its
/// own) shows up here as a count that grew.
[Collection(WorkLogHost.Name)]
public sealed class WorkPerCheckoutTests(WorkLogApp app) : IDisposable
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly BusDeliveries deliveries = new(app.Host.Services.GetRequiredService<IBus>());

    public void Dispose() => deliveries.Dispose();

    [Fact]
    public async Task a_happy_card_checkout_makes_these_commits_and_deliveries_and_no_more()
    {
        var sku = await catalog.Listed(stock: 5);
        var correlation = Api.NewId("checkout");
        var orderId = Api.NewId("order");
        deliveries.Follow(orderId);
        var user = Api.NewId("user");
        var placed = await api.AsCustomer(user).Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), aggregate_id = orderId, user_id = user,
            items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        }, ("X-Correlation-Id", correlation));
        Assert.Equal(HttpStatusCode.Accepted, placed.Status);
        await shop.CheckoutEndsIn(orderId, "confirmed");

        // The last step (Inventory commits the stock) runs after the checkout is confirmed.
        await Poll.Until(() => Task.FromResult(app.Log.CommitsOf(correlation)), c => c.Any(x => x.Contains("order_stock_committed", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the stock to be committed");
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything that would follow it has had time to show

        // 9 commits (and the gateway worker's claim, which takes due calls of many checkouts at once and
        // so carries no checkout's correlation id): the saga's four write its steps onto the order stream
        // in the same transaction as its state, and the one after the charge confirms the order too.
        Assert.Equal(
        [
            "inventory: Product+ ProductStock+ order_stock_committed stock_reservation_committed",
            "inventory: Product+ ProductStock+ order_stock_reserved stock_reserved",
            "orders: CheckoutState+",
            "orders: CheckoutState+",
            "orders: CheckoutState+ OrderDetails+ OrderSummary+ checkout_payment_charged order_confirmed",
            "orders: CheckoutState+ OrderDetails+ OrderSummary+ checkout_stock_reserved",
            // A new customer: their key is made with their first order.
            "orders: OrderDetails+ OrderSummary+ ProcessedCommand+ StoredCustomerKey+ order_placed",
            "payments: Deletion- payment_charged",
            "payments: PendingGatewayCall+ payment_requested",
        ], app.Log.CommitsOf(correlation));
        // Three commands, four events, each delivered once to the one queue that needs it.
        Assert.Equal(
        [
            "ChargePayment@payments.checkout",
            "CommitStock@inventory.checkout",
            "OrderConfirmedIntegrationEvent@orders.checkout-saga",
            "OrderPlacedIntegrationEvent@orders.checkout-saga",
            "PaymentChargedIntegrationEvent@orders.checkout-saga",
            "ReserveStock@inventory.checkout",
            "StockReservedIntegrationEvent@orders.checkout-saga",
        ], deliveries.Of(orderId).Select(d => d.Name).Order(StringComparer.Ordinal));
    }
}
