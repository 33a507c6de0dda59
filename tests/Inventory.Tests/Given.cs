namespace Commerce.Inventory.Tests;

// Folds events the way Marten's live aggregation does, but by hand: an event the fold does not
// know fails the test instead of being skipped silently.
public static class Given
{
    public static Product Product(params object[] events)
    {
        if (events is not [ProductListed listed, .. var rest])
        {
            throw new ArgumentException("A product's history starts with ProductListed.", nameof(events));
        }
        return rest.Aggregate(Commerce.Inventory.Product.Create(listed), Apply);
    }

    public static Product Apply(Product product, object @event) => @event switch
    {
        StockReceived e => product.Apply(e),
        ProductPriceChanged e => product.Apply(e),
        StockReserved e => product.Apply(e),
        StockReservationFailed e => product.Apply(e),
        StockReservationReleased e => product.Apply(e),
        StockReservationCommitted e => product.Apply(e),
        _ => throw new ArgumentException($"Product has no Apply for {@event.GetType().Name}.", nameof(@event)),
    };

    public static Product Apply(Product product, IEnumerable<object> events) => events.Aggregate(product, Apply);
}
