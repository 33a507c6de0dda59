using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Commerce.Orders;

public sealed record OrderLine(string ProductId, string Name, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}

public sealed record OrderPlaced(string OrderId, string UserId, IReadOnlyList<OrderLine> Lines, decimal Total, string Currency,
    string? PaymentMethod, DateTimeOffset PlacedAt);
public sealed record OrderPaymentSubmitted(string OrderId, string PaymentMethod, decimal Amount, string Currency, DateTimeOffset SubmittedAt);
public sealed record OrderConfirmed(string OrderId, decimal Total, string Currency, int ItemsCount, DateTimeOffset ConfirmedAt);
public sealed record OrderShipped(string OrderId, string TrackingNumber, DateTimeOffset ShippedAt);
public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset CancelledAt);

// Checkout steps Orders learns from the other modules, kept on the order's own stream so its
// timeline and history need no other module's store.
public sealed record CheckoutStockReserved(string OrderId, DateTimeOffset ReservedAt);
public sealed record CheckoutStockReservationFailed(string OrderId, string Reason, DateTimeOffset FailedAt);
public sealed record CheckoutStockReleased(string OrderId, DateTimeOffset ReleasedAt);
public sealed record CheckoutPaymentCharged(string OrderId, decimal Amount, DateTimeOffset ChargedAt);
public sealed record CheckoutPaymentDeclined(string OrderId, string Reason, DateTimeOffset DeclinedAt);
public sealed record CheckoutPaymentRefunded(string OrderId, decimal Amount, DateTimeOffset RefundedAt);

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    Placed,
    AwaitingPayment,
    Confirmed,
    Shipped,
    Cancelled,
}

public sealed record Order(
    string Id,
    string UserId,
    OrderStatus Status,
    IReadOnlyList<OrderLine> Lines,
    decimal Total,
    string Currency,
    string? PaymentMethod,
    string? CancelReason,
    string? TrackingNumber,
    ImmutableHashSet<string>? CheckoutSteps = null)
{
    public bool HasStep(string step) => CheckoutSteps?.Contains(step) == true;

    public bool IsOpen => Status is OrderStatus.Placed or OrderStatus.AwaitingPayment;

    public static Order Create(OrderPlaced e) =>
        new(e.OrderId, e.UserId, OrderStatus.Placed, e.Lines, e.Total, e.Currency, e.PaymentMethod, null, null);

    public Order Apply(OrderPaymentSubmitted e) => this with { PaymentMethod = e.PaymentMethod };

    public Order Apply(OrderConfirmed e) => this with { Status = OrderStatus.Confirmed };

    public Order Apply(OrderShipped e) => this with { Status = OrderStatus.Shipped, TrackingNumber = e.TrackingNumber };

    public Order Apply(OrderCancelled e) => this with { Status = OrderStatus.Cancelled, CancelReason = e.Reason };

    // Stock held and no payment method yet: the order now waits for process-payment.
    public Order Apply(CheckoutStockReserved e) => Step(nameof(CheckoutStockReserved)) with
    {
        Status = Status == OrderStatus.Placed && PaymentMethod is null ? OrderStatus.AwaitingPayment : Status,
    };

    public Order Apply(CheckoutStockReservationFailed e) => Step(nameof(CheckoutStockReservationFailed));
    public Order Apply(CheckoutStockReleased e) => Step(nameof(CheckoutStockReleased));
    public Order Apply(CheckoutPaymentCharged e) => Step(nameof(CheckoutPaymentCharged));
    public Order Apply(CheckoutPaymentDeclined e) => Step(nameof(CheckoutPaymentDeclined));
    public Order Apply(CheckoutPaymentRefunded e) => Step(nameof(CheckoutPaymentRefunded));

    Order Step(string step) => this with { CheckoutSteps = (CheckoutSteps ?? []).Add(step) };
}

/// The status as every API shows it.
public static class OrderStatusNames
{
    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.AwaitingPayment => "awaiting_payment",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// Stock held and no payment method yet: the order now waits for process-payment.
    public static string AfterStockReserved(string status, string? paymentMethod) =>
        status == Of(OrderStatus.Placed) && paymentMethod is null ? Of(OrderStatus.AwaitingPayment) : status;
}
