using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using JasperFx.Events;

namespace Commerce.Inventory;

/// What Inventory tells the other modules, from its committed events. The checkout saga hears an
/// order's outcome from its reservation stream; the per-product stock events stay inside.
public sealed class InventoryIntegrationEvents : IIntegrationEventMap<IInventoryStore>
{
    public object? Map(IEvent e) => e.Data switch
    {
        ProductListed l => new ProductListedIntegrationEvent(l.ProductId, l.Name, l.UnitPrice, l.Currency, e.Version, l.ListedAt),
        ProductPriceChanged c => new ProductPriceChangedIntegrationEvent(c.ProductId, c.NewPrice, c.Currency, e.Version, c.ChangedAt),
        OrderStockReserved r => new StockReservedIntegrationEvent(r.OrderId,
            [.. r.Lines.Select(l => new StockLine(l.ProductId, l.Quantity))], r.ReservedAt),
        OrderStockReservationFailed f => new StockReservationFailedIntegrationEvent(f.OrderId, f.ProductId, f.Requested, f.Available, f.Reason, f.FailedAt),
        OrderStockReleased r => new StockReleasedIntegrationEvent(r.OrderId, r.Reason, r.ReleasedAt),
        OrderStockCommitted c => new StockCommittedIntegrationEvent(c.OrderId, c.CommittedAt),
        _ => null,
    };
}
