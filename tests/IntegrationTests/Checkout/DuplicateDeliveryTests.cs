using Commerce.Inventory.Contracts;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Checkout;

[Collection(AppHost.Name)]
public sealed class DuplicateDeliveryTests(AppFixture app)
{
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly EventLog events = new(app);
    readonly Queues queues = new(app);

    [Fact]
    public async Task every_message_of_a_finished_checkout_delivered_again_changes_nothing()
    {
        var sku = await catalog.Listed(price: 4m, stock: 5);
        var orderId = await shop.Order(sku, 2, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "confirmed");
        await shop.ProductSettles(sku, p => p.Number("sold") == 2, "stock committed");
        await queues.Drained();
        var before = await Snapshot(orderId, sku);

        var bus = app.Host.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new[] { new StockLine(sku, 2) };
        await bus.Publish(new OrderPlacedIntegrationEvent(orderId, "u1", [new OrderLineContract(sku, 2, 4m)], 8m, "EUR", "tok_visa", now));
        await bus.Publish(new StockReservedIntegrationEvent(orderId, lines, now));
        await bus.Publish(new PaymentChargedIntegrationEvent(orderId, 8m, "EUR", "sim", now));
        await bus.Publish(new OrderConfirmedIntegrationEvent(orderId, now));
        await Send(bus, InventoryQueues.Checkout, new ReserveStock(orderId, lines));
        await Send(bus, InventoryQueues.Checkout, new CommitStock(orderId));
        await Send(bus, PaymentsQueues.Checkout, new ChargePayment(orderId, 8m, "EUR", "tok_visa"));
        await queues.Drained();

        Assert.Equal(before, await Snapshot(orderId, sku));
        Assert.Equal(0, await queues.Messages($"{Commerce.Orders.Checkout.OrdersQueues.Saga}_error"));
        Assert.Equal(0, await queues.Messages($"{InventoryQueues.Checkout}_error"));
        Assert.Equal(0, await queues.Messages($"{PaymentsQueues.Checkout}_error"));
    }

    async Task<string> Snapshot(string orderId, string sku)
    {
        var product = await shop.Product(sku);
        return string.Join(" | ",
            string.Join(",", await events.Types("orders", orderId)),
            string.Join(",", await events.Types("payments", orderId)),
            string.Join(",", await events.Types("inventory", sku)),
            product.GetRawText());
    }

    static async Task Send(IBus bus, string queue, object message) =>
        await (await bus.GetSendEndpoint(new Uri($"queue:{queue}"))).Send(message);
}
