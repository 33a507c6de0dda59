using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Relay;

/// A host whose daemons poll only every five minutes: whatever crosses between modules in less than
/// that was pushed (each store's commit wakes its daemon through PostgreSQL's LISTEN/NOTIFY), not
/// polled for.
public sealed class SlowPollingApp : AppFixture
{
    public static readonly TimeSpan Polling = TimeSpan.FromMinutes(5);

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        services.ConfigureMarten<IOrdersStore>(o => (o.Projections.FastPollingTime, o.Projections.SlowPollingTime) = (Polling, Polling));
        services.ConfigureMarten<IInventoryStore>(o => (o.Projections.FastPollingTime, o.Projections.SlowPollingTime) = (Polling, Polling));
        services.ConfigureMarten<IPaymentsStore>(o => (o.Projections.FastPollingTime, o.Projections.SlowPollingTime) = (Polling, Polling));
    });
}

[CollectionDefinition(Name)]
public sealed class SlowPolling : ICollectionFixture<SlowPollingApp>
{
    public const string Name = "slow polling";
}

[Collection(SlowPolling.Name)]
public sealed class PushTests(SlowPollingApp app)
{
    // Generous next to the pushed hops (tens of milliseconds each), far below one polling round.
    static readonly TimeSpan Pushed = TimeSpan.FromSeconds(60);

    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_new_product_reaches_orders_and_a_checkout_crosses_every_module_without_polling()
    {
        // Inventory's relay, woken by the listing's commit.
        var sku = await catalog.Listed(stock: 3);

        // Orders' relay (OrderPlaced), Inventory's (StockReserved), Payments' (PaymentCharged), Orders'
        // again (OrderConfirmed), and the orders-by-user projection on the way.
        var orderId = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(orderId, "confirmed", Pushed);

        var declined = await shop.Order(sku, 1, "tok_chargeDeclined");
        await shop.CheckoutEndsIn(declined, "cancelled", Pushed);
    }
}
