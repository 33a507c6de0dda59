namespace Commerce.Payments.Contracts;

/// Where Payments takes the checkout's commands.
public static class PaymentsQueues
{
    public const string Checkout = "payments.checkout";
}

/// Charge an order. A repeat of the same request changes nothing (and does not charge twice).
public sealed record ChargePayment(string OrderId, decimal Amount, string Currency, string PaymentMethod);

/// Give the money back if the order was charged; nothing otherwise. Repeats change nothing.
public sealed record RefundPayment(string OrderId, string Reason);

public sealed record PaymentChargedIntegrationEvent(string OrderId, decimal Amount, string Currency, string GatewayReference, DateTimeOffset ChargedAt);

public sealed record PaymentDeclinedIntegrationEvent(string OrderId, string Reason, DateTimeOffset DeclinedAt);

public sealed record PaymentRefundedIntegrationEvent(string OrderId, decimal Amount, string Reason, DateTimeOffset RefundedAt);
