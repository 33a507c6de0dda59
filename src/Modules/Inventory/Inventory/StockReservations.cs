using Commerce.BuildingBlocks.Errors;
using Wolverine.Marten;

namespace Commerce.Inventory;

// The checkout saga's messages arrive at least once and in any order of retries, so every decision
// here answers a repeat with no events instead of an error.
public static class StockReservations
{
    // Short stock is an expected outcome: the saga needs a failure event to compensate, not an error.
    public static Events Reserve(Product product, string orderId, int quantity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        // A non-positive quantity would raise Available instead of lowering it.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (product.HasSeen(orderId)) return [];
        return product.Available >= quantity
            ? [new StockReserved(product.Id, orderId, quantity, now)]
            : [new StockReservationFailed(product.Id, orderId, quantity, product.Available, now)];
    }

    // Releasing is compensation: it must be safe to send for an order whose reservation failed or
    // never arrived, so anything but an open reservation is left alone.
    public static Events Release(Product product, string orderId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.OpenReservations.TryGetValue(orderId, out var quantity)
            ? [new StockReservationReleased(product.Id, orderId, quantity, now)]
            : [];
    }

    // Unlike a release, a commit with nothing reserved behind it would sell stock the order never
    // held, so that is refused rather than ignored.
    public static Events Commit(Product product, string orderId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (product.OpenReservations.TryGetValue(orderId, out var quantity))
        {
            return [new StockReservationCommitted(product.Id, orderId, quantity, now)];
        }
        ReservationOutcome? outcome = product.SettledOrders.TryGetValue(orderId, out var settled) ? settled : null;
        return outcome switch
        {
            ReservationOutcome.Committed => [],
            ReservationOutcome.Released => throw new DomainException(
                $"The reservation for order '{orderId}' on product '{product.Id}' was released; its stock cannot be sold."),
            _ => throw new DomainException($"No reservation for order '{orderId}' on product '{product.Id}'."),
        };
    }
}
