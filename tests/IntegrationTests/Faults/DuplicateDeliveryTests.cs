using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory.Contracts;
using Commerce.Orders.Checkout;
using Commerce.Orders.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Faults;

/// RabbitMQ delivers at least once, and a redelivery can come long after the messages that followed
/// it. Each row runs one checkout to its end over the real queues, then delivers every message the
/// host consumed for it again (twice, at once), late and so out of order, one message at a time; or
/// the messages of the other ending (a confirmation after a cancellation and the like). None may
/// change any module's events, the stock or the checkout, or end in an error queue.
[Collection(AppHost.Name)]
public sealed class DuplicateDeliveryTests : IDisposable
{
    const string Saga = "orders.checkout-saga";
    const string Inventory = "inventory.checkout";
    const string Payments = "payments.checkout";

    readonly AppFixture app;
    readonly Api api;
    readonly Catalog catalog;
    readonly Shop shop;
    readonly EventLog events;
    readonly BusDeliveries deliveries;

    public DuplicateDeliveryTests(AppFixture app)
    {
        this.app = app;
        api = new Api(app);
        catalog = new Catalog(app);
        shop = new Shop(app);
        events = new EventLog(app);
        deliveries = new BusDeliveries(app.Host.Services.GetRequiredService<IBus>());
    }

    public void Dispose() => deliveries.Dispose();

    // Each path names the deliveries it must have made (message type @ queue): together they are every
    // message type the checkout sends or publishes to a consumer.
    static readonly Dictionary<string, string[]> Paths = new()
    {
        ["confirmed"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservedIntegrationEvent@{Saga}",
            $"ChargePayment@{Payments}", $"PaymentChargedIntegrationEvent@{Saga}",
            $"OrderConfirmedIntegrationEvent@{Saga}", $"CommitStock@{Inventory}",
        ],
        ["paid_later"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservedIntegrationEvent@{Saga}",
            $"OrderPaymentSubmittedIntegrationEvent@{Saga}", $"ChargePayment@{Payments}", $"PaymentChargedIntegrationEvent@{Saga}",
            $"OrderConfirmedIntegrationEvent@{Saga}", $"CommitStock@{Inventory}",
        ],
        ["declined"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservedIntegrationEvent@{Saga}",
            $"ChargePayment@{Payments}", $"PaymentDeclinedIntegrationEvent@{Saga}", $"ReleaseStock@{Inventory}",
            $"StockReleasedIntegrationEvent@{Saga}", $"OrderCancelledIntegrationEvent@{Saga}",
        ],
        ["stock_short"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservationFailedIntegrationEvent@{Saga}",
            $"OrderCancelledIntegrationEvent@{Saga}", $"ReleaseStock@{Inventory}",
        ],
        ["cancelled_by_customer"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservedIntegrationEvent@{Saga}",
            $"OrderCancelledIntegrationEvent@{Saga}", $"ReleaseStock@{Inventory}", $"StockReleasedIntegrationEvent@{Saga}",
        ],
        ["charged_after_cancellation"] =
        [
            $"OrderPlacedIntegrationEvent@{Saga}", $"ReserveStock@{Inventory}", $"StockReservedIntegrationEvent@{Saga}",
            $"ChargePayment@{Payments}", $"CheckoutDeadlinePassed@{Saga}", $"ReleaseStock@{Inventory}",
            $"OrderCancelledIntegrationEvent@{Saga}", $"PaymentChargedIntegrationEvent@{Saga}",
            $"RefundPayment@{Payments}", $"PaymentRefundedIntegrationEvent@{Saga}",
        ],
    };

    public static TheoryData<string> Checkouts => [.. Paths.Keys];

    [Theory]
    [MemberData(nameof(Checkouts))]
    public async Task every_message_of_a_finished_checkout_delivered_again_changes_nothing(string path)
    {
        var (orderId, sku) = await Finished(path);
        var made = deliveries.Of(orderId);
        Assert.Empty(Paths[path].Except(made.Select(d => d.Name)));

        var problems = await ChangesMadeBy(made, copies: 2, orderId, sku);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await Invariants.AssertHold(app, [orderId], [sku]);
    }

    // Commands and events of the other ending that were still on their way when the checkout ended:
    // a confirmation racing a cancellation, a payment submitted as the customer cancelled, a stale timeout.
    static readonly Dictionary<string, Func<string, (string Queue, object Message)[]>> LateFromTheOtherEnding = new()
    {
        ["confirmed"] = orderId =>
        [
            (Saga, new OrderCancelledIntegrationEvent(orderId, "changed my mind", Late)),
            (Inventory, new ReleaseStock(orderId, "changed my mind")),
            (Saga, new CheckoutDeadlinePassed(orderId, "payment", 0, Late)),
        ],
        ["declined"] = orderId =>
        [
            (Saga, new OrderConfirmedIntegrationEvent(orderId, Late)),
            (Saga, new CheckoutDeadlinePassed(orderId, "payment", 0, Late)),
        ],
        ["cancelled_by_customer"] = orderId =>
        [
            (Saga, new OrderPaymentSubmittedIntegrationEvent(orderId, "tok_visa", 8m, "EUR", Late)),
            (Saga, new OrderConfirmedIntegrationEvent(orderId, Late)),
            (Saga, new CheckoutDeadlinePassed(orderId, "payment_wait", 0, Late)),
        ],
    };

    static readonly DateTimeOffset Late = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string> Endings => [.. LateFromTheOtherEnding.Keys];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task messages_of_the_other_ending_arriving_after_the_checkout_ended_change_nothing(string path)
    {
        var (orderId, sku) = await Finished(path);
        var late = LateFromTheOtherEnding[path](orderId).Select(m => new Delivery(m.Queue, Guid.NewGuid(), m.Message, []));

        var problems = await ChangesMadeBy(late, copies: 1, orderId, sku);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await Invariants.AssertHold(app, [orderId], [sku]);
    }

    // The catalog copy in Orders is fed by Inventory's events: an old price arriving after a newer one,
    // or the listing arriving again, must not turn the price back.
    [Fact]
    public async Task catalog_events_delivered_again_in_reverse_order_keep_the_latest_price()
    {
        var sku = Api.NewId("sku");
        deliveries.Follow(sku);
        await Command("add-product", new { command_id = Api.NewId("cmd"), product_id = sku, name = "Mug", price = 5m, currency = "EUR" });
        await Command("change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 6m });
        await Command("change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 7m });
        await catalog.InOrdersCatalog(sku, 7m);
        var made = await Poll.Until(() => Task.FromResult(deliveries.Of(sku)), d => d.Count == 3, what: "three catalog events consumed");

        foreach (var delivery in made.Reverse()) Assert.Empty(await deliveries.Deliver(delivery, copies: 2));

        Assert.Equal(7m, await catalog.OrdersCatalogPrice(sku));
        var placed = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "u1", items = new[] { new { product_id = sku, quantity = 1, price = 7m } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        Assert.Equal(HttpStatusCode.Accepted, placed.Status);
    }

    async Task<(string OrderId, string Sku)> Finished(string path)
    {
        var orderId = Api.NewId("order");
        deliveries.Follow(orderId);
        var sku = await catalog.Listed(price: 4m, stock: path == "stock_short" ? 1 : 5);
        switch (path)
        {
            case "confirmed":
                await Place(orderId, sku, 2, "tok_visa");
                await shop.CheckoutEndsIn(orderId, "confirmed");
                break;
            case "paid_later":
                await Place(orderId, sku, 2, null);
                await shop.CheckoutEndsIn(orderId, "awaiting_payment");
                await Command("process-payment", new { command_id = Api.NewId("cmd"), order_id = orderId, payment_method = "tok_visa", amount = 8m });
                await shop.CheckoutEndsIn(orderId, "confirmed");
                break;
            case "declined":
                await Place(orderId, sku, 2, "tok_chargeDeclined");
                await shop.CheckoutEndsIn(orderId, "cancelled");
                break;
            case "stock_short":
                await Place(orderId, sku, 2, "tok_visa");
                await shop.CheckoutEndsIn(orderId, "cancelled");
                break;
            case "cancelled_by_customer":
                await Place(orderId, sku, 2, null);
                await shop.CheckoutEndsIn(orderId, "awaiting_payment");
                await Command("cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "changed my mind" });
                await shop.CheckoutEndsIn(orderId, "cancelled");
                break;
            case "charged_after_cancellation":
                await Place(orderId, sku, 2, "tok_slow");
                await shop.CheckoutEndsIn(orderId, "cancelled");
                await events.Eventually("payments", orderId, t => t.Contains("payment_refunded"), "refund of the late charge");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, null);
        }
        // Every message of the path consumed and nothing moving any more.
        await Poll.Until(() => Task.FromResult(Paths[path].Except(deliveries.Of(orderId).Select(d => d.Name)).ToList()),
            missing => missing.Count == 0, what: $"the {path} checkout's deliveries");
        await Settled(orderId, sku);
        return (orderId, sku);
    }

    // Delivers each message in turn and names every one that changed the order's state or failed.
    async Task<IReadOnlyList<string>> ChangesMadeBy(IEnumerable<Delivery> late, int copies, string orderId, string sku)
    {
        var problems = new List<string>();
        var before = await State(orderId, sku);
        foreach (var delivery in late)
        {
            problems.AddRange(await deliveries.Deliver(delivery, copies));
            var after = await State(orderId, sku);
            if (after != before) problems.Add($"{delivery} delivered late changed{Environment.NewLine}  {before}{Environment.NewLine}to{Environment.NewLine}  {after}");
            before = after;
        }
        return problems;
    }

    async Task Settled(string orderId, string sku)
    {
        var last = "";
        var sameSince = DateTimeOffset.UtcNow;
        await Poll.Until(async () =>
        {
            var now = await State(orderId, sku);
            if (now != last) (last, sameSince) = (now, DateTimeOffset.UtcNow);
            return DateTimeOffset.UtcNow - sameSince;
        }, quiet => quiet >= TimeSpan.FromSeconds(1.5), what: $"order {orderId} to settle");
    }

    async Task Place(string orderId, string sku, int quantity, string? paymentMethod) =>
        await Command("create-order", new
        {
            command_id = Api.NewId("cmd"), aggregate_id = orderId, user_id = shop.User,
            items = new[] { new { product_id = sku, quantity } }, payment_method = paymentMethod,
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

    async Task Command(string name, object body)
    {
        // The catalog is the operator's; an order is its customer's.
        var caller = name is "create-order" or "process-payment" or "cancel-order" ? shop.Customer : api;
        var reply = await caller.Post($"/api/v1/commands/{name}", body);
        Assert.True(reply.Status == HttpStatusCode.Accepted, $"{name}: {reply}");
    }

    // Everything a duplicate could change: each module's events for the order, the product's stock and
    // its events, and the checkout itself.
    async Task<string> State(string orderId, string sku)
    {
        var product = await shop.Product(sku);
        var checkout = await api.Get($"/api/v1/query/checkouts/{orderId}");
        return string.Join(" | ",
            "orders: " + string.Join(",", await events.Types("orders", orderId)),
            "payments: " + string.Join(",", await events.Types("payments", orderId)),
            "reservation: " + string.Join(",", await events.Types("inventory", $"reservation-{orderId}")),
            "product: " + string.Join(",", await events.Types("inventory", sku)),
            product.GetRawText(),
            checkout.Text);
    }
}
