namespace Commerce.Inventory.Contracts;

/// Where Inventory takes the checkout's commands.
public static class InventoryQueues
{
    public const string Checkout = "inventory.checkout";
}

public sealed record StockLine(string ProductId, int Quantity);

/// Reserve every line for an order, all or nothing. A repeat for the same order changes nothing and
/// answers again with the outcome already decided.
public sealed record ReserveStock(string OrderId, IReadOnlyList<StockLine> Lines);

/// Give back what an order holds (nothing if it holds nothing). Repeats change nothing.
public sealed record ReleaseStock(string OrderId, string Reason);

/// The order is confirmed: its reserved stock is sold. Repeats change nothing.
public sealed record CommitStock(string OrderId);

public sealed record StockReservedIntegrationEvent(string OrderId, IReadOnlyList<StockLine> Lines, DateTimeOffset ReservedAt);

/// Not enough of ProductId: nothing was reserved for the order.
public sealed record StockReservationFailedIntegrationEvent(string OrderId, string ProductId, int Requested, int Available, string Reason, DateTimeOffset FailedAt);

public sealed record StockReleasedIntegrationEvent(string OrderId, string Reason, DateTimeOffset ReleasedAt);

public sealed record StockCommittedIntegrationEvent(string OrderId, DateTimeOffset CommittedAt);
