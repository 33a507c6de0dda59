using System.Text.Json.Serialization;

namespace Commerce.Orders;

public sealed record OrderLine(string ProductId, string Name, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}

public sealed record OrderPlaced(string OrderId, string UserId, IReadOnlyList<OrderLine> Lines, decimal Total, string Currency,
    string? PaymentMethod, DateTimeOffset PlacedAt);
public sealed record OrderPaymentSubmitted(string OrderId, string PaymentMethod, decimal Amount, string Currency, DateTimeOffset SubmittedAt);
public sealed record OrderConfirmed(string OrderId, DateTimeOffset ConfirmedAt);
public sealed record OrderShipped(string OrderId, string TrackingNumber, DateTimeOffset ShippedAt);
public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset CancelledAt);

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
    string? TrackingNumber)
{
    public bool IsOpen => Status is OrderStatus.Placed or OrderStatus.AwaitingPayment;

    public static Order Create(OrderPlaced e) =>
        new(e.OrderId, e.UserId, OrderStatus.Placed, e.Lines, e.Total, e.Currency, e.PaymentMethod, null, null);

    public Order Apply(OrderPaymentSubmitted e) => this with { PaymentMethod = e.PaymentMethod };

    public Order Apply(OrderConfirmed e) => this with { Status = OrderStatus.Confirmed };

    public Order Apply(OrderShipped e) => this with { Status = OrderStatus.Shipped, TrackingNumber = e.TrackingNumber };

    public Order Apply(OrderCancelled e) => this with { Status = OrderStatus.Cancelled, CancelReason = e.Reason };
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
}
