using Commerce.BuildingBlocks.Errors;

namespace Commerce.Payments;

// Every decision answers a repeat with no events: requests and gateway outcomes arrive over a
// broker that delivers at least once, so a duplicate must change nothing rather than fail.
public static class PaymentDecisions
{
    public static IReadOnlyList<object> Request(Payment? current, string orderId, decimal amount, string currency, string method, DateTimeOffset now)
    {
        if (current is null)
            return [new PaymentRequested(orderId, amount, currency, method, now)];

        var sameRequest = current.Amount == amount
            && string.Equals(current.Currency, currency, StringComparison.Ordinal)
            && string.Equals(current.PaymentMethod, method, StringComparison.Ordinal);
        return sameRequest
            ? []
            : throw new DomainException(
                $"Order '{orderId}' already has a payment of {current.Amount} {current.Currency} by '{current.PaymentMethod}'; " +
                $"it cannot also be paid {amount} {currency} by '{method}'.");
    }

    public static IReadOnlyList<object> RecordGatewayOutcome(Payment current, GatewayOutcome outcome, DateTimeOffset now)
    {
        if (current.Status is not PaymentStatus.Requested)
            return [];

        if (!outcome.Succeeded)
            return [new PaymentDeclined(current.Id, outcome.DeclineReason ?? "Declined by the payment gateway.", now)];

        // Without a reference the charge could never be refunded or reconciled, so refuse to record it.
        return outcome.Reference is { } reference
            ? [new PaymentCharged(current.Id, current.Amount, current.Currency, reference, now)]
            : throw new ArgumentException("A successful gateway outcome must carry the gateway's reference.", nameof(outcome));
    }

    // The gateway did not answer the charge in time: it may or may not have charged, so nothing is
    // settled; only the fact is kept, and the charge is not tried again.
    public static IReadOnlyList<object> RecordGatewayTimeout(Payment current, TimeSpan waited, DateTimeOffset now) =>
        current is { Status: PaymentStatus.Requested, GatewayTimedOut: false }
            ? [new PaymentGatewayTimedOut(current.Id, waited, now)]
            : [];

    // Compensation: asked for any payment, charged or not. A charge still at the gateway is remembered
    // rather than ignored, so a success that lands after the order gave up is given back.
    public static IReadOnlyList<object> RequestRefund(Payment current, string reason, DateTimeOffset now) =>
        current is { Status: PaymentStatus.Requested or PaymentStatus.Charged, RefundReason: null }
            ? [new PaymentRefundRequested(current.Id, reason, now)]
            : [];

    // The gateway has given the money back.
    public static IReadOnlyList<object> Refund(Payment current, string reason, DateTimeOffset now) =>
        current.Status is PaymentStatus.Charged
            ? [new PaymentRefunded(current.Id, current.Amount, reason, now)]
            : [];
}
