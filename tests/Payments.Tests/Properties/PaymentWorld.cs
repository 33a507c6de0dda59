using Commerce.Payments.Contracts;
using Commerce.BuildingBlocks.Errors;
using Commerce.Testing;

namespace Commerce.Payments.Tests.Properties;

/// One order's payment driven the way the handlers and the gateway worker drive it: a charge or
/// refund request is decided on the current payment; the gateway's charge answer is recorded on the
/// payment as it is when the answer lands; a refund is only made while the payment says one is due
/// (the worker's rule).
public sealed class PaymentWorld(MartenReplay replay) : StreamWorld<PaymentStep, Payment>(replay, OrderId)
{
    const string OrderId = "order-1";

    protected override bool IsRefusal(Exception exception) => exception is DomainException;

    protected override IReadOnlyList<object> Decide(PaymentStep stepToRun, DateTimeOffset now) => (stepToRun, State) switch
    {
        (RequestCharge s, _) => PaymentDecisions.Decide(State, new ChargePayment(OrderId, s.Amount, "EUR", s.Method), now),
        (GatewayCharges s, { } p) => PaymentDecisions.Decide(p, new RecordGatewayAnswer(OrderId, GatewayCallKind.Charge, s.Approved ? GatewayOutcome.Approved($"sim_{OrderId}") : GatewayOutcome.Declined("Your card was declined.")), now),
        (GatewayTimesOut, { } p) => PaymentDecisions.Decide(p, new RecordGatewayAnswer(OrderId, GatewayCallKind.Charge, NoAnswerAfter: TimeSpan.FromSeconds(30)), now),
        (RequestRefund, { } p) => PaymentDecisions.Decide(p, new RefundPayment(OrderId, "The order was cancelled."), now),
        (GatewayRefunds, { DueCall: GatewayCallKind.Refund } p) => PaymentDecisions.Decide(p, new RecordGatewayAnswer(OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), now),
        _ => [],
    };

    // Money first: what the customer paid, counted from the events.
    protected override IEnumerable<string> Invariants(Payment state)
    {
        var requested = Stream.OfType<PaymentRequested>().ToList();
        var charged = Stream.OfType<PaymentCharged>().ToList();
        var refunded = Stream.OfType<PaymentRefunded>().ToList();
        var declined = Stream.OfType<PaymentDeclined>().Count();
        if (requested.Count != 1 || Stream[0] is not PaymentRequested) yield return $"{requested.Count} charge requests recorded";
        if (charged.Count > 1) yield return $"charged {charged.Count} times";
        if (refunded.Count > 1) yield return $"refunded {refunded.Count} times";
        if (charged.Count > 0 && declined > 0) yield return "both charged and declined";
        if (refunded.Count > 0 && (charged.Count == 0 || Stream.IndexOf(refunded[0]) < Stream.IndexOf(charged[0]))) yield return "refunded without a charge before it";
        if (charged.Concat<object>(refunded).Any(e => e is PaymentCharged c ? c.Amount != state.Amount : ((PaymentRefunded)e).Amount != state.Amount))
            yield return "charged or refunded another amount than requested";
        var expected = refunded.Count > 0 ? PaymentStatus.Refunded : charged.Count > 0 ? PaymentStatus.Charged
            : declined > 0 ? PaymentStatus.Declined : PaymentStatus.Requested;
        if (state.Status != expected) yield return $"status {state.Status} but its events say {expected}";
        var refundWanted = Stream.OfType<PaymentRefundRequested>().Any();
        if (state.Status == PaymentStatus.Charged && refundWanted && state.DueCall != GatewayCallKind.Refund)
            yield return "charged after a refund was asked for, but no refund is due";
        if (state.DueCall == GatewayCallKind.Refund && (state.Status != PaymentStatus.Charged || !refundWanted)) yield return "a refund is due with nothing to give back";
    }
}
