using System.Text.Json;
using Commerce.Inventory;
using Commerce.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Inventory;

[Collection(AppHost.Name)]
public sealed class SnapshotTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_products_snapshot_is_taken_with_every_commit_and_loads_exactly_as_a_full_replay()
    {
        var sku = await catalog.Listed(stock: 5);
        for (var i = 0; i < 20; i++) await Receive(sku, 1);
        await shop.CheckoutEndsIn(await shop.Order(sku, 2), "confirmed");
        await shop.CheckoutEndsIn(await shop.Order(sku, 1, "tok_chargeDeclined"), "cancelled");
        await shop.CheckoutEndsIn(await shop.Order(sku, 30), "cancelled");
        await new EventLog(app).Eventually("inventory", sku, types => types.Contains("stock_reservation_released"), "the declined order's release");

        var store = app.Host.Services.GetRequiredService<IInventoryStore>();
        await using var session = store.LightweightSession();
        var loaded = await session.Events.FetchLatest<Product>(sku);
        var replayed = await session.Events.AggregateStreamAsync<Product>(sku);

        Assert.Equal(await StreamVersion(sku), await SnapshotVersion(sku));
        Assert.Equal(Canonical(replayed), Canonical(loaded));
        Assert.Equal(5 + 20 - 2, loaded!.OnHand);
        Assert.Equal(0, loaded.Reserved);
    }

    async Task Receive(string sku, int quantity)
    {
        var reply = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, reply.Status);
    }

    // Records compare their dictionaries by reference; compare what the aggregate holds instead.
    static string Canonical(Product? p) => p is null ? "null" : JsonSerializer.Serialize(new
    {
        p.Id, p.Name, p.Price, p.Currency, p.OnHand, p.Reserved, p.Sold,
        Open = p.OpenReservations.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
        Settled = p.SettledOrders.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
    });

    Task<long> StreamVersion(string sku) =>
        Sql.Scalar<long>(app, "SELECT coalesce(max(version), 0) FROM inventory.mt_events WHERE stream_id = @id", ("id", sku));

    Task<long> SnapshotVersion(string sku) =>
        Sql.Scalar<long>(app, "SELECT coalesce((SELECT mt_version FROM inventory.mt_doc_product WHERE id = @id), 0)", ("id", sku));
}
