namespace Commerce.Orders.Contracts;

public sealed record OrderLineContract(string ProductId, int Quantity, decimal UnitPrice);

/// An order was placed; the checkout starts here. PaymentMethod is null when the customer pays later.
public sealed record OrderPlacedIntegrationEvent(string OrderId, string UserId, IReadOnlyList<OrderLineContract> Lines, decimal Total,
    string Currency, string? PaymentMethod, DateTimeOffset PlacedAt);

/// The customer submitted a payment for an order placed without one.
public sealed record OrderPaymentSubmittedIntegrationEvent(string OrderId, string PaymentMethod, decimal Amount, string Currency, DateTimeOffset SubmittedAt);

/// The order was cancelled (by the customer or by the checkout) with a reason.
public sealed record OrderCancelledIntegrationEvent(string OrderId, string Reason, DateTimeOffset CancelledAt);

public sealed record OrderConfirmedIntegrationEvent(string OrderId, DateTimeOffset ConfirmedAt);

public sealed record OrderShippedIntegrationEvent(string OrderId, string TrackingNumber, DateTimeOffset ShippedAt);
