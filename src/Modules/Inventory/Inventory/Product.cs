using System.Collections.Immutable;

namespace Commerce.Inventory;

public sealed record ProductListed(string ProductId, string Name, decimal UnitPrice, string Currency, DateTimeOffset ListedAt);
public sealed record StockReceived(string ProductId, int Quantity, DateTimeOffset ReceivedAt);
public sealed record ProductPriceChanged(string ProductId, decimal OldPrice, decimal NewPrice, string Currency, DateTimeOffset ChangedAt);
public sealed record StockReserved(string ProductId, string OrderId, int Quantity, DateTimeOffset ReservedAt);
public sealed record StockReservationFailed(string ProductId, string OrderId, int Requested, int Available, DateTimeOffset FailedAt);
public sealed record StockReservationReleased(string ProductId, string OrderId, int Quantity, DateTimeOffset ReleasedAt);
public sealed record StockReservationCommitted(string ProductId, string OrderId, int Quantity, DateTimeOffset CommittedAt);

// How an order's reservation ended: a commit must tell a sold reservation (repeat: nothing to do)
// from a released or failed one (nothing left to sell).
public enum ReservationOutcome { Failed, Released, Committed }

/// A product (one SKU) and its stock. Available = OnHand - Reserved, never negative.
/// Orders seen are remembered so that a repeated reserve, release or commit changes nothing.
public sealed record Product(
    string Id,
    string Name,
    decimal Price,
    string Currency,
    int OnHand,
    int Reserved,
    int Sold,
    ImmutableDictionary<string, int> OpenReservations,
    ImmutableDictionary<string, ReservationOutcome> SettledOrders)
{
    public int Available => OnHand - Reserved;

    public bool HasSeen(string orderId) => OpenReservations.ContainsKey(orderId) || SettledOrders.ContainsKey(orderId);

    public static Product Create(ProductListed e) =>
        new(e.ProductId, e.Name, e.UnitPrice, e.Currency, 0, 0, 0, ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, ReservationOutcome>.Empty);

    public Product Apply(StockReceived e) => this with { OnHand = OnHand + e.Quantity };

    public Product Apply(ProductPriceChanged e) => this with { Price = e.NewPrice };

    public Product Apply(StockReserved e) =>
        this with { Reserved = Reserved + e.Quantity, OpenReservations = OpenReservations.SetItem(e.OrderId, e.Quantity) };

    public Product Apply(StockReservationFailed e) => this with { SettledOrders = SettledOrders.SetItem(e.OrderId, ReservationOutcome.Failed) };

    public Product Apply(StockReservationReleased e) => this with
    {
        Reserved = Reserved - e.Quantity,
        OpenReservations = OpenReservations.Remove(e.OrderId),
        SettledOrders = SettledOrders.SetItem(e.OrderId, ReservationOutcome.Released),
    };

    public Product Apply(StockReservationCommitted e) => this with
    {
        OnHand = OnHand - e.Quantity,
        Reserved = Reserved - e.Quantity,
        Sold = Sold + e.Quantity,
        OpenReservations = OpenReservations.Remove(e.OrderId),
        SettledOrders = SettledOrders.SetItem(e.OrderId, ReservationOutcome.Committed),
    };
}
