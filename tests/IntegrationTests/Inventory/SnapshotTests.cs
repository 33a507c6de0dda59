using System.Text.Json;
using Commerce.Inventory;
using Commerce.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commerce.IntegrationTests.Inventory;

[Collection(AppHost.Name)]
public sealed class SnapshotTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_product_loads_from_its_snapshot_plus_later_events_exactly_as_a_full_replay()
    {
        var sku = await catalog.Listed(stock: 5);
        for (var i = 0; i < 20; i++) await Receive(sku, 1);
        await shop.CheckoutEndsIn(await shop.Order(sku, 2), "confirmed");
        await shop.CheckoutEndsIn(await shop.Order(sku, 1, "tok_chargeDeclined"), "cancelled");
        var streamVersion = await StreamVersion(sku);
        await Poll.Until(() => SnapshotVersion(sku), v => v == streamVersion, TimeSpan.FromSeconds(30), "the daemon's snapshot");

        // Hold the snapshot back while more events arrive, so the load must add them to it.
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator<IInventoryStore>>().DaemonForMainDatabase();
        var shards = daemon.CurrentAgents().Where(a => a.Name.Name == nameof(Product)).Select(a => a.Name.Identity).ToList();
        Assert.NotEmpty(shards);
        try
        {
            foreach (var shard in shards) await daemon.StopAgentAsync(shard);
            for (var i = 0; i < 3; i++) await Receive(sku, 2);
            await shop.CheckoutEndsIn(await shop.Order(sku, 4), "confirmed");

            Assert.True(await SnapshotVersion(sku) < await StreamVersion(sku), "the snapshot should be behind the stream");
            var store = app.Host.Services.GetRequiredService<IInventoryStore>();
            await using var session = store.LightweightSession();
            var fromSnapshot = await session.Events.FetchLatest<Product>(sku);
            var replayed = await session.Events.AggregateStreamAsync<Product>(sku);

            Assert.Equal(Canonical(replayed), Canonical(fromSnapshot));
            Assert.Equal(5 + 20 + 6 - 2 - 4, fromSnapshot!.OnHand);
        }
        finally
        {
            foreach (var shard in shards) await daemon.StartAgentAsync(shard, CancellationToken.None);
        }
        var finalVersion = await StreamVersion(sku);
        await Poll.Until(() => SnapshotVersion(sku), v => v == finalVersion, TimeSpan.FromSeconds(30), "the snapshot catching up");
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

    Task<long> StreamVersion(string sku) => Scalar("SELECT coalesce(max(version), 0) FROM inventory.mt_events WHERE stream_id = @id", sku);

    Task<long> SnapshotVersion(string sku) => Scalar(
        "SELECT CASE WHEN to_regclass('inventory.mt_doc_product') IS NULL THEN 0 ELSE " +
        "coalesce((SELECT mt_version FROM inventory.mt_doc_product WHERE id = @id), 0) END", sku);

    async Task<long> Scalar(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
