using Commerce.BuildingBlocks.Http;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Inventory;

/// The products list as users read it: an inline projection, so it is current right after a command.
public sealed record ProductStock(string Id, string Name, decimal Price, string Currency, int OnHand, int Reserved, int Sold, long Version)
{
    public int Available => OnHand - Reserved;
}

public sealed class ProductStockProjection : SingleStreamProjection<ProductStock, string>
{
    public static ProductStock Create(JasperFx.Events.IEvent<ProductListed> e) =>
        new(e.Data.ProductId, e.Data.Name, e.Data.UnitPrice, e.Data.Currency, 0, 0, 0, e.Version);

    public static ProductStock Apply(JasperFx.Events.IEvent<StockReceived> e, ProductStock view) =>
        view with { OnHand = view.OnHand + e.Data.Quantity, Version = e.Version };

    public static ProductStock Apply(JasperFx.Events.IEvent<ProductPriceChanged> e, ProductStock view) =>
        view with { Price = e.Data.NewPrice, Version = e.Version };

    public static ProductStock Apply(JasperFx.Events.IEvent<StockReserved> e, ProductStock view) =>
        view with { Reserved = view.Reserved + e.Data.Quantity, Version = e.Version };

    public static ProductStock Apply(JasperFx.Events.IEvent<StockReservationFailed> e, ProductStock view) =>
        view with { Version = e.Version };

    public static ProductStock Apply(JasperFx.Events.IEvent<StockReservationReleased> e, ProductStock view) =>
        view with { Reserved = view.Reserved - e.Data.Quantity, Version = e.Version };

    public static ProductStock Apply(JasperFx.Events.IEvent<StockReservationCommitted> e, ProductStock view) => view with
    {
        OnHand = view.OnHand - e.Data.Quantity,
        Reserved = view.Reserved - e.Data.Quantity,
        Sold = view.Sold + e.Data.Quantity,
        Version = e.Version,
    };
}

public sealed record ProductRow(string ProductId, string Name, decimal Price, string Currency, int OnHand, int Reserved, int Sold, int Available, long Version);

public sealed record ProductsResponse(IReadOnlyList<ProductRow> Products);

public static class ProductsEndpoint
{
    [WolverineGet("/api/v1/query/products"), Tags("Inventory"), Authorize(Policy = Policies.AnyRole)]
    public static async Task<ProductsResponse> Get(IInventoryStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var products = await session.Query<ProductStock>().OrderBy(p => p.Id).ToListAsync(ct);
        return new ProductsResponse(products
            .Select(p => new ProductRow(p.Id, p.Name, p.Price, p.Currency, p.OnHand, p.Reserved, p.Sold, p.Available, p.Version))
            .ToList());
    }
}
