using Commerce.BuildingBlocks.Telemetry;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;

namespace Commerce.Orders.Checkout;

/// What the checkout does at each step. Time comes from the messages (an event's business time, or
/// the deadline service's clock in CheckoutDeadlinePassed), never from a clock here. Commands are
/// sent through the endpoint's in-memory outbox, so they leave only after the new state is saved.
public sealed class CheckoutSteps(CheckoutOptions options)
{
    static readonly Uri Inventory = new($"queue:{InventoryQueues.Checkout}");
    static readonly Uri Payments = new($"queue:{PaymentsQueues.Checkout}");

    public Task Start(BehaviorContext<CheckoutState, OrderPlacedIntegrationEvent> c)
    {
        var (s, m) = (c.Saga, c.Message);
        s.OrderId = m.OrderId;
        s.Lines = m.Lines.Select(l => new StockLine(l.ProductId, l.Quantity)).ToList();
        s.Total = m.Total;
        s.Currency = m.Currency;
        s.PaymentMethod = m.PaymentMethod;
        s.RequestCorrelationId = c.Headers.Get<string>(CommerceHeaders.CorrelationId);
        s.PlacedBy = c.Headers.Get<string>(CommerceHeaders.UserId);
        s.TraceParent = Tracing.Current;
        Step(s, "placed", m.PlacedAt);
        Deadline(s, "stock", m.PlacedAt + options.StockTimeout, attempt: 0);
        return Send(c, Inventory, new ReserveStock(s.OrderId, s.Lines));
    }

    public Task ReserveAgain<T>(BehaviorContext<CheckoutState, T> c, DateTimeOffset? timedOutAt = null) where T : class
    {
        if (timedOutAt is { } at) Deadline(c.Saga, "stock", at + options.StockTimeout, c.Saga.Attempt + 1);
        return Send(c, Inventory, new ReserveStock(c.Saga.OrderId, c.Saga.Lines));
    }

    public Task StockHeldThenCharge(BehaviorContext<CheckoutState, StockReservedIntegrationEvent> c)
    {
        StockHeld(c.Saga, c.Message.ReservedAt);
        Deadline(c.Saga, "payment", c.Message.ReservedAt + options.PaymentTimeout, attempt: 0);
        return Send(c, Payments, Charge(c.Saga));
    }

    public void StockHeldThenWait(BehaviorContext<CheckoutState, StockReservedIntegrationEvent> c)
    {
        StockHeld(c.Saga, c.Message.ReservedAt);
        Deadline(c.Saga, "payment_wait", c.Message.ReservedAt + options.PaymentWaitTimeout, attempt: 0);
    }

    public void StockShort(BehaviorContext<CheckoutState, StockReservationFailedIntegrationEvent> c)
    {
        Fail(c.Saga, "stock_reservation_failed", c.Message.FailedAt, c.Message.Reason,
            new CheckoutStockReservationFailed(c.Saga.OrderId, c.Message.Reason, c.Message.FailedAt));
        CancelOrder(c.Saga, c.Message.Reason, c.Message.FailedAt);
    }

    public Task PaymentSubmitted(BehaviorContext<CheckoutState, OrderPaymentSubmittedIntegrationEvent> c)
    {
        c.Saga.PaymentMethod = c.Message.PaymentMethod;
        Step(c.Saga, "payment_submitted", c.Message.SubmittedAt);
        Deadline(c.Saga, "payment", c.Message.SubmittedAt + options.PaymentTimeout, attempt: 0);
        return Send(c, Payments, Charge(c.Saga));
    }

    public Task ChargeAgain<T>(BehaviorContext<CheckoutState, T> c, DateTimeOffset? timedOutAt = null) where T : class
    {
        if (timedOutAt is { } at) Deadline(c.Saga, "payment", at + options.PaymentTimeout, c.Saga.Attempt + 1);
        return Send(c, Payments, Charge(c.Saga));
    }

    // The order is confirmed in the commit that saves this step; the saga commits the stock once it
    // hears OrderConfirmed, which also tells it the customer had not cancelled first.
    public void ChargedThenConfirm(BehaviorContext<CheckoutState, PaymentChargedIntegrationEvent> c)
    {
        c.Saga.Charged = true;
        Step(c.Saga, "paid", c.Message.ChargedAt, new CheckoutPaymentCharged(c.Saga.OrderId, c.Message.Amount, c.Message.ChargedAt));
        ClearDeadline(c.Saga);
        c.Saga.NewHistory.Add(new ConfirmOrderIfOpen(c.Saga.OrderId, c.Message.ChargedAt));
    }

    public Task ConfirmedThenCommit(BehaviorContext<CheckoutState, OrderConfirmedIntegrationEvent> c)
    {
        Step(c.Saga, "confirmed", c.Message.ConfirmedAt);
        return Send(c, Inventory, new CommitStock(c.Saga.OrderId));
    }

    public Task CommitAgain(BehaviorContext<CheckoutState, OrderConfirmedIntegrationEvent> c) =>
        Send(c, Inventory, new CommitStock(c.Saga.OrderId));

    public async Task Declined(BehaviorContext<CheckoutState, PaymentDeclinedIntegrationEvent> c)
    {
        Fail(c.Saga, "payment_declined", c.Message.DeclinedAt, c.Message.Reason,
            new CheckoutPaymentDeclined(c.Saga.OrderId, c.Message.Reason, c.Message.DeclinedAt));
        CancelOrder(c.Saga, c.Message.Reason, c.Message.DeclinedAt);
        await Send(c, Inventory, new ReleaseStock(c.Saga.OrderId, c.Message.Reason));
    }

    public async Task GiveUp(BehaviorContext<CheckoutState, CheckoutDeadlinePassed> c, string reason)
    {
        Fail(c.Saga, "timed_out", c.Message.At, reason);
        CancelOrder(c.Saga, reason, c.Message.At);
        await Send(c, Inventory, new ReleaseStock(c.Saga.OrderId, reason));
    }

    // The customer cancelled before confirmation: give back the stock (a release for a reservation
    // still in flight makes it void) and refund what was charged; a later charge is refunded too.
    public async Task CustomerCancelled(BehaviorContext<CheckoutState, OrderCancelledIntegrationEvent> c)
    {
        Fail(c.Saga, "cancelled", c.Message.CancelledAt, c.Message.Reason);
        await Send(c, Inventory, new ReleaseStock(c.Saga.OrderId, c.Message.Reason));
        if (c.Saga.Charged) await Refund(c, "The order was cancelled.");
    }

    // A repeat of the charge (or one heard before a customer's cancellation) only asks for the refund
    // again, which Payments makes once; the checkout's history records the late charge once.
    public Task RefundLateCharge(BehaviorContext<CheckoutState, PaymentChargedIntegrationEvent> c)
    {
        if (!c.Saga.Charged)
            Step(c.Saga, "paid_after_cancellation", c.Message.ChargedAt, new CheckoutPaymentCharged(c.Saga.OrderId, c.Message.Amount, c.Message.ChargedAt));
        c.Saga.Charged = true;
        return Refund(c, "Charged after the order was cancelled.");
    }

    public Task ReleaseLateReservation(BehaviorContext<CheckoutState, StockReservedIntegrationEvent> c)
    {
        // The order's history shows the late reservation once, then its release.
        if (!HasStep(c.Saga, "stock_reserved"))
            Step(c.Saga, "stock_reserved", c.Message.ReservedAt, new CheckoutStockReserved(c.Saga.OrderId, c.Message.ReservedAt));
        return Send(c, Inventory, new ReleaseStock(c.Saga.OrderId, c.Saga.FailureReason ?? "The order was cancelled."));
    }

    // Released and refunded end a compensation: recorded once, whatever state the checkout is in.
    public void StockReleased(BehaviorContext<CheckoutState, StockReleasedIntegrationEvent> c)
    {
        if (!HasStep(c.Saga, "stock_released"))
            Step(c.Saga, "stock_released", c.Message.ReleasedAt, new CheckoutStockReleased(c.Saga.OrderId, c.Message.ReleasedAt));
    }

    public void Refunded(BehaviorContext<CheckoutState, PaymentRefundedIntegrationEvent> c)
    {
        if (!HasStep(c.Saga, "refunded"))
            Step(c.Saga, "refunded", c.Message.RefundedAt, new CheckoutPaymentRefunded(c.Saga.OrderId, c.Message.Amount, c.Message.RefundedAt));
    }

    public Task ReleaseAgain(BehaviorContext<CheckoutState, OrderCancelledIntegrationEvent> c) =>
        Send(c, Inventory, new ReleaseStock(c.Saga.OrderId, c.Saga.FailureReason ?? c.Message.Reason));

    public void ForgetDeadline(BehaviorContext<CheckoutState, CheckoutDeadlinePassed> c) => ClearDeadline(c.Saga);

    public bool IsDue(BehaviorContext<CheckoutState, CheckoutDeadlinePassed> c) =>
        c.Message.Step == c.Saga.DeadlineStep && c.Message.Attempt == c.Saga.Attempt;

    public bool MayResend(BehaviorContext<CheckoutState, CheckoutDeadlinePassed> c) => c.Saga.Attempt < options.Resends;

    Task Refund<T>(BehaviorContext<CheckoutState, T> c, string reason) where T : class
    {
        c.Saga.RefundRequested = true;
        return Send(c, Payments, new RefundPayment(c.Saga.OrderId, reason));
    }

    static ChargePayment Charge(CheckoutState s) => new(s.OrderId, s.Total, s.Currency, s.PaymentMethod!);

    static void StockHeld(CheckoutState s, DateTimeOffset at)
    {
        s.StockHeld = true;
        Step(s, "stock_reserved", at, new CheckoutStockReserved(s.OrderId, at));
    }

    static bool HasStep(CheckoutState s, string step) => s.Steps.Exists(x => x.Step == step);

    static void Fail(CheckoutState s, string step, DateTimeOffset at, string reason, object? orderEvent = null)
    {
        s.FailureReason ??= reason;
        Record(s, new CheckoutStepRecord(step, at, reason), orderEvent);
        ClearDeadline(s);
    }

    static void Step(CheckoutState s, string step, DateTimeOffset at, object? orderEvent = null) => Record(s, new CheckoutStepRecord(step, at), orderEvent);

    // A step customers see (orderEvent) also goes onto the order's stream, in the saga's own commit.
    static void Record(CheckoutState s, CheckoutStepRecord step, object? orderEvent)
    {
        s.Steps.Add(step);
        if (orderEvent is not null) s.NewHistory.Add(orderEvent);
    }

    static void CancelOrder(CheckoutState s, string reason, DateTimeOffset at) => s.NewHistory.Add(new CancelOrderIfOpen(s.OrderId, reason, at));

    static void Deadline(CheckoutState s, string step, DateTimeOffset at, int attempt) =>
        (s.DeadlineStep, s.DeadlineAt, s.Attempt) = (step, at, attempt);

    static void ClearDeadline(CheckoutState s) => (s.DeadlineStep, s.DeadlineAt, s.Attempt) = (null, null, 0);

    // The correlation id and user of what started the checkout travel on with every command.
    static async Task Send<T>(BehaviorContext<CheckoutState, T> c, Uri queue, object command) where T : class
    {
        var endpoint = await c.GetSendEndpoint(queue);
        await endpoint.Send(command, send =>
        {
            send.Headers.Set(CommerceHeaders.CorrelationId, c.Headers.Get<string>(CommerceHeaders.CorrelationId));
            send.Headers.Set(CommerceHeaders.UserId, c.Headers.Get<string>(CommerceHeaders.UserId));
        }, c.CancellationToken);
    }
}
