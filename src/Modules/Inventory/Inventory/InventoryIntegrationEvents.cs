using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using JasperFx.Events;

namespace Commerce.Inventory;

/// What Inventory tells the other modules, from its committed events.
public sealed class InventoryIntegrationEvents : IIntegrationEventMap<IInventoryStore>
{
    public object? Map(IEvent e) => e.Data switch
    {
        ProductListed l => new ProductListedIntegrationEvent(l.ProductId, l.Name, l.UnitPrice, l.Currency, e.Version, l.ListedAt),
        ProductPriceChanged c => new ProductPriceChangedIntegrationEvent(c.ProductId, c.NewPrice, c.Currency, e.Version, c.ChangedAt),
        _ => null,
    };
}
