using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory.Contracts;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Faults;

/// A message that can only fail is retried as far as its endpoint's policy says, then parked in
/// `<queue>_error` with the reason in its headers, while the messages behind it go on; once the cause
/// is fixed, eng/redrive.sh moves it back and it is handled.
[Collection(AppHost.Name)]
public sealed class PoisonMessageTests : IDisposable
{
    const string Inventory = InventoryQueues.Checkout;
    const string Payments = PaymentsQueues.Checkout;
    const string Saga = Commerce.Orders.Checkout.OrdersQueues.Saga;
    static readonly string[] ChargePaymentUrn = ["urn:message:Commerce.Payments.Contracts:ChargePayment"];

    readonly AppFixture app;
    readonly Catalog catalog;
    readonly Shop shop;
    readonly EventLog events;
    readonly PoisonMessages poison;
    readonly BusDeliveries deliveries;

    public PoisonMessageTests(AppFixture app)
    {
        this.app = app;
        catalog = new Catalog(app);
        shop = new Shop(app);
        events = new EventLog(app);
        poison = new PoisonMessages(app.Services);
        deliveries = new BusDeliveries(app.Host.Services.GetRequiredService<IBus>());
    }

    public void Dispose() => deliveries.Dispose();

    // Inventory refuses to sell stock an order does not hold (a domain error, not retried: it can only
    // fail again). Here the reservation is missing, e.g. lost with a restore of Inventory's database;
    // the operator makes it again, then replays the commit.
    [Fact]
    public async Task a_commit_of_stock_never_reserved_is_parked_the_queue_flows_on_and_it_is_replayed_once_the_reservation_exists()
    {
        var sku = await catalog.Listed(stock: 10);
        var stranded = Api.NewId("order");
        var commit = Message(Inventory, new CommitStock(stranded));
        var behind = Enumerable.Range(0, 3).Select(_ => Message(Inventory, new ReserveStock(Api.NewId("order"), [new StockLine(sku, 1)]))).ToList();

        var outcomes = await Task.WhenAll(new[] { commit }.Concat(behind).Select(d => deliveries.Deliver(d)));

        Assert.Contains($"No stock is reserved for order '{stranded}'", Assert.Single(outcomes[0]), StringComparison.Ordinal);
        Assert.All(outcomes.Skip(1), Assert.Empty);
        var parked = await poison.DeadLettered(Inventory, commit.MessageId);
        Assert.Equal("Commerce.BuildingBlocks.Errors.DomainException", parked.Header("MT-Fault-ExceptionType"));
        Assert.Contains(stranded, parked.Header("MT-Fault-Message"), StringComparison.Ordinal);
        var product = await shop.Product(sku);
        Assert.Equal((3L, 0L), (product.Number("reserved"), product.Number("sold")));

        Assert.Empty(await deliveries.Deliver(Message(Inventory, new ReserveStock(stranded, [new StockLine(sku, 2)]))));
        var leftBefore = (await poison.DeadLetters(Inventory)).Select(d => d.MessageId).ToList();
        var replayed = leftBefore.Select(id => (Id: id, Outcome: deliveries.NextOutcome(Guid.Parse(id!)))).ToList();
        await poison.Redrive(Inventory);

        Assert.Null(await replayed.Single(r => r.Id == commit.MessageId.ToString()).Outcome.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["order_stock_reserved", "order_stock_committed"], await events.Types("inventory", $"reservation-{stranded}"));
        await shop.ProductSettles(sku, p => p.Number("sold") == 2 && p.Number("reserved") == 3, "the replayed commit sold the stock");
        // Dead letters of other tests in this virtual host were replayed too and failed again: only
        // they may be back, so on its own this test leaves the error queue empty.
        var failedAgain = new List<string?>();
        foreach (var (id, outcome) in replayed.Where(r => r.Id != commit.MessageId.ToString()))
        {
            if (await outcome.WaitAsync(TimeSpan.FromSeconds(30)) is not null) failedAgain.Add(id);
        }
        await Poll.Until(async () => (await poison.DeadLetters(Inventory)).Select(d => d.MessageId).Order().ToList(),
            left => left.SequenceEqual(failedAgain.Order()), what: "only the dead letters that failed again in inventory.checkout_error");
        await Invariants.AssertHold(app, [], [sku]);
    }

    // A producer that writes a message our contract cannot read (here an amount as text) is a bug on
    // its side: the message cannot be deserialized, so it is parked at once and the payments queued
    // behind it are charged.
    [Fact]
    public async Task an_unreadable_message_is_parked_and_the_payments_behind_it_are_charged()
    {
        var unreadable = Guid.NewGuid();
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            messageId = unreadable, messageType = ChargePaymentUrn,
            message = new { orderId = Api.NewId("order"), amount = "twelve euros", currency = "EUR", paymentMethod = PaymentMethods.Visa },
        });
        var orders = Enumerable.Range(0, 3).Select(_ => Api.NewId("order")).ToList();

        await poison.Publish(Payments, unreadable, body);
        var behind = await Task.WhenAll(orders.Select(o => deliveries.Deliver(Message(Payments, new ChargePayment(o, 12m, "EUR", PaymentMethods.Visa)))));

        Assert.All(behind, Assert.Empty);
        foreach (var order in orders) await events.Eventually("payments", order, t => t.Contains("payment_charged"), $"charge of {order}");
        var parked = await poison.DeadLettered(Payments, unreadable);
        Assert.Contains("twelve euros", parked.Payload, StringComparison.Ordinal);
        Assert.Equal("System.Text.Json.JsonException", parked.Header("MT-Fault-ExceptionType"));
    }

    // The checkout saga retries whatever fails (a lost race on its version usually passes); an event
    // that can never start a checkout (placed without lines, from a broken publisher) is retried per
    // its policy, then parked, while other checkouts go on.
    [Fact]
    public async Task a_malformed_order_placed_is_retried_then_parked_and_the_checkouts_behind_it_finish()
    {
        var sku = await catalog.Listed(stock: 5);
        var malformed = Message(Saga, new OrderPlacedIntegrationEvent(Api.NewId("order"), "u1", null!, 8m, "EUR", PaymentMethods.Visa,
            DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parking = Park();
        var behind = await Task.WhenAll(shop.Order(sku, 1), shop.Order(sku, 1));
        foreach (var order in behind) await shop.CheckoutEndsIn(order, "confirmed");

        var (faults, after) = await parking;
        Assert.Single(faults);
        // The saga's retry intervals add up to nearly 9 s (the bus-wide retry around it, for database
        // outages, hides their count from the MT-Fault-RetryCount header).
        Assert.True(after >= TimeSpan.FromSeconds(8), $"Parked after {after}, without waiting out the saga's retries.");
        var parked = await poison.DeadLettered(Saga, malformed.MessageId);
        Assert.Equal("System.ArgumentNullException", parked.Header("MT-Fault-ExceptionType"));
        await Invariants.AssertHold(app, behind, [sku]);

        async Task<(IReadOnlyList<string> Faults, TimeSpan After)> Park() => (await deliveries.Deliver(malformed), clock.Elapsed);
    }

    static Delivery Message(string queue, object message) => new(queue, Guid.NewGuid(), message, []);
}
