using Commerce.BuildingBlocks.Sagas;
using Commerce.Inventory.Contracts;
using Commerce.Orders.Checkout;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Orders.Tests.Checkout;

[CollectionDefinition(Name)]
public sealed class SharedCheckoutHarness : ICollectionFixture<CheckoutHarness>
{
    public const string Name = "checkout saga";
}

/// The checkout saga on MassTransit's in-memory test harness, one bus for all checkout tests; each
/// test drives its own order, so the tests never read each other's saga or commands.
public sealed class CheckoutHarness : IAsyncLifetime
{
    public static readonly CheckoutOptions Options = new()
    {
        StockTimeout = TimeSpan.FromSeconds(30),
        PaymentTimeout = TimeSpan.FromSeconds(5),
        PaymentWaitTimeout = TimeSpan.FromMinutes(15),
        Resends = 2,
    };

    static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(10);

    // Select stops waiting once its token is cancelled: with one already cancelled it reads what is there.
    static readonly CancellationToken NoWait = new(canceled: true);

    readonly ServiceProvider provider = new ServiceCollection()
        .AddSingleton(Options)
        .AddMassTransitTestHarness(TextWriter.Null, bus =>
        {
            bus.AddSagaStateMachine<CheckoutStateMachine, CheckoutState>().InMemoryRepository();
            // The bus lives for the whole run: waits end on our own timeout, never on the harness's
            // inactivity (after which every wait would return at once).
            bus.SetTestTimeouts(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        })
        .BuildServiceProvider(validateScopes: true);

    ITestHarness Harness => provider.GetRequiredService<ITestHarness>();

    public CheckoutStateMachine Machine => provider.GetRequiredService<CheckoutStateMachine>();

    public Task InitializeAsync() => Harness.Start();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    /// An order whose checkout has reached the given state by the usual path; an order without a
    /// payment method is the only one that waits for a payment.
    public async Task<CheckoutOrder> OrderIn(string state)
    {
        var order = new CheckoutOrder(this, state == nameof(CheckoutStateMachine.AwaitingPayment) ? null : PaymentMethods.Visa);
        object[] path = state switch
        {
            nameof(CheckoutStateMachine.Reserving) => [order.Placed],
            nameof(CheckoutStateMachine.AwaitingPayment) => [order.Placed, order.StockReserved],
            nameof(CheckoutStateMachine.Charging) => [order.Placed, order.StockReserved],
            nameof(CheckoutStateMachine.Confirming) => [order.Placed, order.StockReserved, order.Charged],
            nameof(CheckoutStateMachine.Confirmed) => [order.Placed, order.StockReserved, order.Charged, order.Confirmed],
            nameof(CheckoutStateMachine.Cancelled) => [order.Placed, order.CustomerCancelled],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
        foreach (var message in path) await order.Deliver(message);
        await order.Expect(state);
        return order;
    }

    /// Publishes a message as the other modules do, waits until the checkout has taken it (or
    /// discarded it), and returns what it asked for meanwhile: the commands it sent for the order,
    /// then its decisions on the order itself.
    public async Task<IReadOnlyList<object>> Deliver(string orderId, object message)
    {
        var (sent, decided) = (Sent(orderId).Count, (await Decided(orderId)).Count);
        var messageId = Guid.NewGuid();
        await Harness.Bus.Publish(message, c => c.MessageId = messageId);

        using var timeout = new CancellationTokenSource(WaitAtMost);
        Assert.True(await Harness.Consumed.Any(m => m.Context.MessageId == messageId, timeout.Token),
            $"The checkout did not take {message.GetType().Name} within {WaitAtMost}.");
        var consumed = Harness.Consumed.Select(m => m.Context.MessageId == messageId, NoWait).Single();
        Assert.True(consumed.Exception is null, $"{message.GetType().Name} faulted: {consumed.Exception}");
        return [.. Sent(orderId).Skip(sent), .. (await Decided(orderId)).Skip(decided)];
    }

    public async Task<IReadOnlyList<object>> Commands(string orderId) => [.. Sent(orderId), .. await Decided(orderId)];

    List<object> Sent(string orderId) =>
        Harness.Sent.Select(_ => true, NoWait).Select(s => s.MessageObject).Where(m => OrderIdOf(m) == orderId).ToList();

    // The in-memory repository keeps the instance itself and never commits its history, so every
    // decision the checkout recorded stays on it, in order.
    async Task<IReadOnlyList<object>> Decided(string orderId) =>
        (await Find(orderId))?.NewHistory.OfType<IStreamDecision>().Cast<object>().ToList() ?? [];

    public async Task<CheckoutState?> Find(string orderId) =>
        await provider.GetRequiredService<ILoadSagaRepository<CheckoutState>>().Load(CheckoutKey.For(orderId));

    static string? OrderIdOf(object command) => command switch
    {
        ReserveStock c => c.OrderId,
        ReleaseStock c => c.OrderId,
        CommitStock c => c.OrderId,
        ChargePayment c => c.OrderId,
        RefundPayment c => c.OrderId,
        _ => null,
    };
}

/// One test's order: its own id, and the messages of its checkout with fixed business times.
public sealed class CheckoutOrder(CheckoutHarness harness, string? paymentMethod)
{
    public static readonly DateTimeOffset PlacedAt = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public string Id { get; } = $"order-{Guid.NewGuid():N}";

    public IReadOnlyList<StockLine> Lines { get; } = [new("sku-kbd", 2), new("sku-mouse", 1)];

    public OrderPlacedIntegrationEvent Placed =>
        new(Id, "user-1", [new("sku-kbd", 2, 9.50m), new("sku-mouse", 1, 4.25m)], 23.25m, "EUR", paymentMethod, PlacedAt);

    public StockReservedIntegrationEvent StockReserved => new(Id, Lines, PlacedAt.AddSeconds(1));
    public StockReservationFailedIntegrationEvent StockShort => new(Id, "sku-kbd", 2, 1, "Only 1 left.", PlacedAt.AddSeconds(1));
    public OrderPaymentSubmittedIntegrationEvent PaymentSubmitted => new(Id, PaymentMethods.Visa, 23.25m, "EUR", PlacedAt.AddSeconds(2));
    public PaymentChargedIntegrationEvent Charged => new(Id, 23.25m, "EUR", "ch_1", PlacedAt.AddSeconds(3));
    public PaymentDeclinedIntegrationEvent Declined => new(Id, "Card declined.", PlacedAt.AddSeconds(3));
    public OrderConfirmedIntegrationEvent Confirmed => new(Id, PlacedAt.AddSeconds(4));
    public OrderCancelledIntegrationEvent CustomerCancelled => new(Id, "Changed my mind.", PlacedAt.AddSeconds(5));

    public ChargePayment Charge => new(Id, 23.25m, "EUR", PaymentMethods.Visa);

    public CheckoutDeadlinePassed Deadline(string step, int attempt, DateTimeOffset at) => new(Id, step, attempt, at);

    public Task<IReadOnlyList<object>> Deliver(object message) => harness.Deliver(Id, message);

    public static (string? Step, DateTimeOffset? At, int Attempt) DeadlineOf(CheckoutState checkout) =>
        (checkout.DeadlineStep, checkout.DeadlineAt, checkout.Attempt);

    /// Every command the checkout sent for this order so far, in order.
    public Task<IReadOnlyList<object>> Commands() => harness.Commands(Id);

    public async Task<CheckoutState> Expect(string state)
    {
        var checkout = await harness.Find(Id);
        Assert.NotNull(checkout);
        Assert.Equal(harness.Machine.GetState(state).Name, checkout.CurrentState);
        return checkout;
    }

    /// What a message that changes nothing must leave as it was.
    public async Task<CheckoutPosition> Position()
    {
        var checkout = await harness.Find(Id) ?? throw new InvalidOperationException($"No checkout for {Id}.");
        return new(checkout.CurrentState, checkout.Steps.Count, DeadlineOf(checkout), checkout.Charged);
    }
}

public sealed record CheckoutPosition(string State, int Steps, (string? Step, DateTimeOffset? At, int Attempt) Deadline, bool Charged);
