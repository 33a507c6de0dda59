using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using Marten;
using Marten.Schema;
using MassTransit;

namespace Commerce.Orders;

/// Orders' own copy of the catalog (names and prices), fed by Inventory's integration events, so
/// placing an order never reads Inventory's schema. Version is the product stream's version.
[UseOptimisticConcurrency]
public sealed record CatalogProduct(string Id, string? Name, decimal UnitPrice, string Currency, long Version);

public sealed record UpdateCatalogProduct(string ProductId, string? Name, decimal UnitPrice, string Currency, long Version);

public static class UpdateCatalogProductHandler
{
    // Messages may arrive twice or out of order: a price only replaces an older one; the name, set
    // once at listing, is kept whatever the order.
    public static async Task Handle(UpdateCatalogProduct message, IDocumentSession session, CancellationToken ct)
    {
        var current = await session.LoadAsync<CatalogProduct>(message.ProductId, ct);
        var name = message.Name ?? current?.Name;
        if (current is not null && current.Version >= message.Version)
        {
            if (current.Name == name) return;
            session.Store(current with { Name = name });
            return;
        }
        session.Store(new CatalogProduct(message.ProductId, name, message.UnitPrice, message.Currency, message.Version));
    }
}

public sealed class ProductListedConsumer : IConsumer<ProductListedIntegrationEvent>
{
    public Task Consume(ConsumeContext<ProductListedIntegrationEvent> context) =>
        Inbound.Handle(context, new UpdateCatalogProduct(context.Message.ProductId, context.Message.Name,
            context.Message.UnitPrice, context.Message.Currency, context.Message.Version));
}

public sealed class ProductPriceChangedConsumer : IConsumer<ProductPriceChangedIntegrationEvent>
{
    public Task Consume(ConsumeContext<ProductPriceChangedIntegrationEvent> context) =>
        Inbound.Handle(context, new UpdateCatalogProduct(context.Message.ProductId, null,
            context.Message.UnitPrice, context.Message.Currency, context.Message.Version));
}
