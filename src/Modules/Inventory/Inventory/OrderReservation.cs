using Wolverine.Marten;

namespace Commerce.Inventory;

public sealed record OrderStockLine(string ProductId, int Quantity);

public sealed record OrderStockReserved(string OrderId, IReadOnlyList<OrderStockLine> Lines, DateTimeOffset ReservedAt);
public sealed record OrderStockReservationFailed(string OrderId, string ProductId, int Requested, int Available, string Reason, DateTimeOffset FailedAt);
public sealed record OrderStockReleased(string OrderId, string Reason, DateTimeOffset ReleasedAt);
public sealed record OrderStockCommitted(string OrderId, DateTimeOffset CommittedAt);

public enum OrderReservationStatus { Reserved, Failed, Released, Committed }

/// One order's claim on stock across its products, in the stream "reservation-{orderId}". The
/// products' own events are appended in the same transaction, so the two never disagree, and the
/// stream's existence is what tells a repeated or late ReserveStock that the order was decided.
public sealed record OrderReservation(string Id, string OrderId, OrderReservationStatus Status, IReadOnlyList<OrderStockLine> Lines)
{
    public static string StreamKey(string orderId) => $"reservation-{orderId}";

    // Only an open reservation holds stock on its products.
    public IReadOnlyList<OrderStockLine> Held => Status == OrderReservationStatus.Reserved ? Lines : [];

    public static OrderReservation Create(OrderStockReserved e) =>
        new(StreamKey(e.OrderId), e.OrderId, OrderReservationStatus.Reserved, e.Lines);

    public static OrderReservation Create(OrderStockReservationFailed e) =>
        new(StreamKey(e.OrderId), e.OrderId, OrderReservationStatus.Failed, []);

    // A release that overtook its reserve starts the stream, so the late reserve finds the order decided.
    public static OrderReservation Create(OrderStockReleased e) =>
        new(StreamKey(e.OrderId), e.OrderId, OrderReservationStatus.Released, []);

    public OrderReservation Apply(OrderStockReleased e) => this with { Status = OrderReservationStatus.Released };

    public OrderReservation Apply(OrderStockCommitted e) => this with { Status = OrderReservationStatus.Committed };
}

public sealed record ProductEvents(string ProductId, Events Events);

/// What a checkout command decided: at most one event for the order's reservation and the events of
/// each product it touches, committed together or not at all.
public sealed record StockDecision(object? Reservation, IReadOnlyList<ProductEvents> Products)
{
    public static readonly StockDecision Nothing = new(null, []);
}
