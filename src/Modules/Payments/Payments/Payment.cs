namespace Commerce.Payments;

public sealed record PaymentRequested(string OrderId, decimal Amount, string Currency, string PaymentMethod, DateTimeOffset RequestedAt);
public sealed record PaymentCharged(string OrderId, decimal Amount, string Currency, string GatewayReference, DateTimeOffset ChargedAt);
public sealed record PaymentDeclined(string OrderId, string Reason, DateTimeOffset DeclinedAt);
public sealed record PaymentRefunded(string OrderId, decimal Amount, string Reason, DateTimeOffset RefundedAt);

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
    string? DeclineReason)
{
    public static Payment Create(PaymentRequested e) =>
        new(e.OrderId, e.Amount, e.Currency, e.PaymentMethod, PaymentStatus.Requested, null, null);

    public Payment Apply(PaymentCharged e) => this with { Status = PaymentStatus.Charged, GatewayReference = e.GatewayReference };

    public Payment Apply(PaymentDeclined e) => this with { Status = PaymentStatus.Declined, DeclineReason = e.Reason };

    public Payment Apply(PaymentRefunded e) => this with { Status = PaymentStatus.Refunded };
}
