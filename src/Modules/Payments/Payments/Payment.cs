namespace Commerce.Payments;

public sealed record PaymentRequested(string OrderId, decimal Amount, string Currency, string PaymentMethod, DateTimeOffset RequestedAt);
public sealed record PaymentCharged(string OrderId, decimal Amount, string Currency, string GatewayReference, DateTimeOffset ChargedAt);
public sealed record PaymentDeclined(string OrderId, string Reason, DateTimeOffset DeclinedAt);
public sealed record PaymentRefunded(string OrderId, decimal Amount, string Reason, DateTimeOffset RefundedAt);

// The order no longer wants the money; recorded even while the charge is still at the gateway, so a
// charge that succeeds afterwards is given back at once.
public sealed record PaymentRefundRequested(string OrderId, string Reason, DateTimeOffset RequestedAt);

// The gateway did not answer the charge in time. Whether it charged is unknown, so the payment stays
// Requested and no outcome is published: the checkout's own timeout decides what the order does.
public sealed record PaymentGatewayTimedOut(string OrderId, TimeSpan Waited, DateTimeOffset TimedOutAt);

public enum PaymentStatus
{
    Requested,
    Charged,
    Declined,
    Refunded,
}

// One payment per order, so the stream id is the order id.
public sealed record Payment(
    string Id,
    decimal Amount,
    string Currency,
    string PaymentMethod,
    PaymentStatus Status,
    string? GatewayReference,
    string? DeclineReason,
    string? RefundReason = null,
    bool GatewayTimedOut = false)
{
    public static Payment Create(PaymentRequested e) =>
        new(e.OrderId, e.Amount, e.Currency, e.PaymentMethod, PaymentStatus.Requested, null, null);

    public Payment Apply(PaymentCharged e) => this with { Status = PaymentStatus.Charged, GatewayReference = e.GatewayReference };

    public Payment Apply(PaymentDeclined e) => this with { Status = PaymentStatus.Declined, DeclineReason = e.Reason };

    public Payment Apply(PaymentRefunded e) => this with { Status = PaymentStatus.Refunded };

    public Payment Apply(PaymentRefundRequested e) => this with { RefundReason = e.Reason };

    public Payment Apply(PaymentGatewayTimedOut e) => this with { GatewayTimedOut = true };

    // The gateway call this payment still waits for. The pending-call documents only remember to make
    // it; this is what decides whether it is still due.
    public GatewayCallKind? DueCall => this switch
    {
        { Status: PaymentStatus.Requested, GatewayTimedOut: false } => GatewayCallKind.Charge,
        { Status: PaymentStatus.Charged, RefundReason: not null } => GatewayCallKind.Refund,
        _ => null,
    };
}
