using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Commerce.Orders;

public sealed record OrderLine(string ProductId, string Name, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}

/// Delivery: the customer's email and shipping address sealed under their key (null on orders placed
/// before they were asked for).
public sealed record OrderPlaced(string OrderId, string UserId, IReadOnlyList<OrderLine> Lines, decimal Total, string Currency,
    string? PaymentMethod, DateTimeOffset PlacedAt, [property: Commerce.BuildingBlocks.Privacy.Sealed] string? Delivery = null);
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
    ImmutableHashSet<string>? CheckoutSteps = null,
    string? Delivery = null)
{
    public bool HasStep(string step) => CheckoutSteps?.Contains(step) == true;

    public bool IsOpen => Status is OrderStatus.Placed or OrderStatus.AwaitingPayment;

    public static Order Create(OrderPlaced e) =>
        new(e.OrderId, e.UserId, OrderStatus.Placed, e.Lines, e.Total, e.Currency, e.PaymentMethod, null, null, Delivery: e.Delivery);

    public Order Apply(OrderPaymentSubmitted e) => this with { PaymentMethod = e.PaymentMethod };

    public Order Apply(OrderConfirmed e) => this with { Status = OrderStatus.Confirmed };

    public Order Apply(OrderShipped e) => this with { Status = OrderStatus.Shipped, TrackingNumber = e.TrackingNumber };

    public Order Apply(OrderCancelled e) => this with { Status = OrderStatus.Cancelled, CancelReason = e.Reason };

    public Order Apply(CheckoutStockReserved e) => Step(nameof(CheckoutStockReserved)) with { Status = AfterStockReserved(Status, PaymentMethod) };

    /// An order placed without a payment method waits for process-payment once its stock is held; the
    /// order, its read models and the checkout all ask here.
    public static bool WaitsForPayment(string? paymentMethod) => paymentMethod is null;

    public static OrderStatus AfterStockReserved(OrderStatus status, string? paymentMethod) =>
        status == OrderStatus.Placed && WaitsForPayment(paymentMethod) ? OrderStatus.AwaitingPayment : status;

    public Order Apply(CheckoutStockReservationFailed e) => Step(nameof(CheckoutStockReservationFailed));
    public Order Apply(CheckoutStockReleased e) => Step(nameof(CheckoutStockReleased));
    public Order Apply(CheckoutPaymentCharged e) => Step(nameof(CheckoutPaymentCharged));
    public Order Apply(CheckoutPaymentDeclined e) => Step(nameof(CheckoutPaymentDeclined));
    public Order Apply(CheckoutPaymentRefunded e) => Step(nameof(CheckoutPaymentRefunded));

    Order Step(string step) => this with { CheckoutSteps = (CheckoutSteps ?? []).Add(step) };
}

/// The status as every API and read model shows it.
public static class OrderStatusNames
{
    public static readonly string Placed = Of(OrderStatus.Placed);
    public static readonly string Confirmed = Of(OrderStatus.Confirmed);
    public static readonly string Shipped = Of(OrderStatus.Shipped);
    public static readonly string Cancelled = Of(OrderStatus.Cancelled);

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<OrderStatus>().Select(Of)];

    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.AwaitingPayment => "awaiting_payment",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static OrderStatus Parse(string name) =>
        Enum.GetValues<OrderStatus>().Single(s => Of(s) == name);

    /// Order.AfterStockReserved for a read model that keeps the status by name.
    public static string AfterStockReserved(string status, string? paymentMethod) =>
        Of(Order.AfterStockReserved(Parse(status), paymentMethod));
}
