using Commerce.BuildingBlocks.Errors;
using Commerce.Payments.Contracts;
using Wolverine.Marten;

namespace Commerce.Payments;

// Every decision answers a repeat with no events: requests and gateway outcomes arrive over a
// broker that delivers at least once, so a duplicate must change nothing rather than fail.
public static class PaymentDecisions
{
    public static Events Decide(Payment? current, ChargePayment command, DateTimeOffset now)
    {
        if (current is null)
            return [new PaymentRequested(command.OrderId, command.Amount, command.Currency, command.PaymentMethod, now)];

        var sameRequest = current.Amount == command.Amount
            && string.Equals(current.Currency, command.Currency, StringComparison.Ordinal)
            && string.Equals(current.PaymentMethod, command.PaymentMethod, StringComparison.Ordinal);
        return sameRequest
            ? []
            : throw new DomainException(
                $"Order '{command.OrderId}' already has a payment of {current.Amount} {current.Currency} by '{current.PaymentMethod}'; " +
                $"it cannot also be paid {command.Amount} {command.Currency} by '{command.PaymentMethod}'.");
    }

    // Compensation: asked for any payment, charged or not. A charge still at the gateway is remembered
    // rather than ignored, so a success that lands after the order gave up is given back. An order
    // never charged changes nothing.
    public static Events Decide(Payment? current, RefundPayment command, DateTimeOffset now) =>
        current is { Status: PaymentStatus.Requested or PaymentStatus.Charged, RefundReason: null }
            ? [new PaymentRefundRequested(current.Id, command.Reason, now)]
            : [];

    // The answer is recorded on the payment as it is when recorded, which another host's answer to the
    // same call may have changed since the call was made.
    public static Events Decide(Payment? current, RecordGatewayAnswer answer, DateTimeOffset now) => (current, answer) switch
    {
        (null, _) => [],
        (_, { NoAnswerAfter: { } waited }) => TimedOut(current, waited, now),
        (_, { Outcome: null }) => [],
        (_, { Call: GatewayCallKind.Refund }) => Refunded(current, now),
        (_, { Outcome: { } outcome }) => Answered(current, outcome, now),
    };

    static Events Answered(Payment current, GatewayOutcome outcome, DateTimeOffset now)
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
    static Events TimedOut(Payment current, TimeSpan waited, DateTimeOffset now) =>
        current is { Status: PaymentStatus.Requested, GatewayTimedOut: false }
            ? [new PaymentGatewayTimedOut(current.Id, waited, now)]
            : [];

    // The gateway has given the money back.
    static Events Refunded(Payment current, DateTimeOffset now) =>
        current.Status is PaymentStatus.Charged
            ? [new PaymentRefunded(current.Id, current.Amount, current.RefundReason ?? "Refund requested.", now)]
            : [];
}
