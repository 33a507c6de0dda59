using Commerce.Inventory.Contracts;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;

namespace Commerce.Orders.Checkout;

/// PlaceOrder -> ReserveStock -> ChargePayment -> confirm, undoing what was done when a step fails
/// or takes too long. Every state says what it does with every message: a repeat of the message that
/// moved it on re-sends the outstanding command (receivers are idempotent); harmless ones are
/// ignored explicitly, so none ends in an error queue; a charge after cancellation is refunded.
public sealed class CheckoutStateMachine : MassTransitStateMachine<CheckoutState>
{
    public State Reserving { get; private set; } = null!;
    public State AwaitingPayment { get; private set; } = null!;
    public State Charging { get; private set; } = null!;
    public State Confirming { get; private set; } = null!;
    public State Confirmed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<OrderPlacedIntegrationEvent> OrderPlaced { get; private set; } = null!;
    public Event<OrderPaymentSubmittedIntegrationEvent> PaymentSubmitted { get; private set; } = null!;
    public Event<OrderCancelledIntegrationEvent> OrderCancelled { get; private set; } = null!;
    public Event<OrderConfirmedIntegrationEvent> OrderConfirmed { get; private set; } = null!;
    public Event<StockReservedIntegrationEvent> StockReserved { get; private set; } = null!;
    public Event<StockReservationFailedIntegrationEvent> StockReservationFailed { get; private set; } = null!;
    public Event<PaymentChargedIntegrationEvent> PaymentCharged { get; private set; } = null!;
    public Event<PaymentDeclinedIntegrationEvent> PaymentDeclined { get; private set; } = null!;
    public Event<CheckoutDeadlinePassed> DeadlinePassed { get; private set; } = null!;
    public Event<StockReleasedIntegrationEvent> StockReleased { get; private set; } = null!;
    public Event<PaymentRefundedIntegrationEvent> PaymentRefunded { get; private set; } = null!;

    public CheckoutStateMachine(CheckoutOptions options)
    {
        var steps = new CheckoutSteps(options);
        InstanceState(s => s.CurrentState);
        Event(() => OrderPlaced, e => e.CorrelateById(c => CheckoutKey.For(c.Message.OrderId)));
        Correlate(() => PaymentSubmitted, m => m.OrderId);
        Correlate(() => OrderCancelled, m => m.OrderId);
        Correlate(() => OrderConfirmed, m => m.OrderId);
        Correlate(() => StockReserved, m => m.OrderId);
        Correlate(() => StockReservationFailed, m => m.OrderId);
        Correlate(() => PaymentCharged, m => m.OrderId);
        Correlate(() => PaymentDeclined, m => m.OrderId);
        Correlate(() => DeadlinePassed, m => m.OrderId);
        Correlate(() => StockReleased, m => m.OrderId);
        Correlate(() => PaymentRefunded, m => m.OrderId);

        Initially(
            When(OrderPlaced).ThenAsync(steps.Start).TransitionTo(Reserving));

        During(Reserving,
            When(OrderPlaced).ThenAsync(c => steps.ReserveAgain(c)),
            When(PaymentSubmitted).Then(c => c.Saga.PaymentMethod = c.Message.PaymentMethod),
            When(StockReserved, c => !Order.WaitsForPayment(c.Saga.PaymentMethod)).ThenAsync(steps.StockHeldThenCharge).TransitionTo(Charging),
            When(StockReserved, c => Order.WaitsForPayment(c.Saga.PaymentMethod)).Then(steps.StockHeldThenWait).TransitionTo(AwaitingPayment),
            When(StockReservationFailed).Then(steps.StockShort).TransitionTo(Cancelled),
            When(OrderCancelled).ThenAsync(steps.CustomerCancelled).TransitionTo(Cancelled),
            When(DeadlinePassed, c => steps.IsDue(c) && steps.MayResend(c)).ThenAsync(c => steps.ReserveAgain(c, c.Message.At)),
            When(DeadlinePassed, c => steps.IsDue(c) && !steps.MayResend(c))
                .ThenAsync(c => steps.GiveUp(c, "Stock could not be reserved in time.")).TransitionTo(Cancelled),
            Ignore(OrderConfirmed), Ignore(PaymentCharged), Ignore(PaymentDeclined));

        During(AwaitingPayment,
            When(PaymentSubmitted).ThenAsync(steps.PaymentSubmitted).TransitionTo(Charging),
            When(OrderCancelled).ThenAsync(steps.CustomerCancelled).TransitionTo(Cancelled),
            When(DeadlinePassed, steps.IsDue).ThenAsync(c => steps.GiveUp(c, "Payment was not received in time.")).TransitionTo(Cancelled),
            Ignore(OrderPlaced), Ignore(StockReserved), Ignore(StockReservationFailed), Ignore(OrderConfirmed),
            Ignore(PaymentCharged), Ignore(PaymentDeclined));

        During(Charging,
            When(StockReserved).ThenAsync(c => steps.ChargeAgain(c)),
            When(PaymentSubmitted).ThenAsync(c => steps.ChargeAgain(c)),
            When(PaymentCharged).Then(steps.ChargedThenConfirm).TransitionTo(Confirming),
            When(PaymentDeclined).ThenAsync(steps.Declined).TransitionTo(Cancelled),
            When(OrderCancelled).ThenAsync(steps.CustomerCancelled).TransitionTo(Cancelled),
            When(DeadlinePassed, c => steps.IsDue(c) && steps.MayResend(c)).ThenAsync(c => steps.ChargeAgain(c, c.Message.At)),
            When(DeadlinePassed, c => steps.IsDue(c) && !steps.MayResend(c))
                .ThenAsync(c => steps.GiveUp(c, "The payment gateway did not answer in time.")).TransitionTo(Cancelled),
            Ignore(OrderPlaced), Ignore(StockReservationFailed), Ignore(OrderConfirmed));

        // The order was confirmed (or found cancelled) in the commit that entered this state; Orders'
        // relay brings whichever happened, so no deadline is needed here.
        During(Confirming,
            When(OrderConfirmed).ThenAsync(steps.ConfirmedThenCommit).TransitionTo(Confirmed),
            When(OrderCancelled).ThenAsync(steps.CustomerCancelled).TransitionTo(Cancelled),
            Ignore(OrderPlaced), Ignore(PaymentSubmitted), Ignore(StockReserved), Ignore(StockReservationFailed),
            Ignore(PaymentCharged), Ignore(PaymentDeclined),
            // Only a checkout saved by an older version has a deadline here ("confirm"): clear it,
            // so the deadline service stops firing it.
            When(DeadlinePassed).Then(c => steps.ForgetDeadline(c)));

        During(Confirmed,
            When(OrderConfirmed).ThenAsync(steps.CommitAgain),
            Ignore(OrderPlaced), Ignore(PaymentSubmitted), Ignore(OrderCancelled), Ignore(StockReserved),
            Ignore(StockReservationFailed), Ignore(PaymentCharged), Ignore(PaymentDeclined), Ignore(DeadlinePassed));

        // The order's cancellation committed with this state, so a repeat of what ended the checkout
        // (redelivered after a crash between saving the state and sending its commands) needs nothing:
        // that cancellation, relayed, sends the release again.
        During(Cancelled,
            When(PaymentCharged).ThenAsync(steps.RefundLateCharge),
            When(StockReserved).ThenAsync(steps.ReleaseLateReservation),
            When(OrderCancelled).ThenAsync(steps.ReleaseAgain),
            Ignore(OrderPlaced), Ignore(PaymentSubmitted), Ignore(OrderConfirmed), Ignore(StockReservationFailed),
            Ignore(PaymentDeclined), Ignore(DeadlinePassed));

        // The ends of a compensation, for the order's history; they change nothing else.
        DuringAny(
            When(StockReleased).Then(steps.StockReleased),
            When(PaymentRefunded).Then(steps.Refunded));
    }

    void Correlate<T>(System.Linq.Expressions.Expression<Func<Event<T>>> property, Func<T, string> orderId) where T : class =>
        Event(property, e =>
        {
            e.CorrelateById(c => CheckoutKey.For(orderId(c.Message)));
            // Only an order placed before starts a checkout; anything else without one is stale.
            e.OnMissingInstance(m => m.Discard());
        });
}
