using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Admin;

/// An admin pauses a store's relay or one of its projections: it stops where it is and stays stopped,
/// the projections route says "paused", and on resume it goes on from its checkpoint with nothing lost
/// and nothing twice. A host of its own: a pause holds the whole host's store.
[Collection(Pauses.Name)]
public sealed class PauseTests(AppFixture app)
{
    // Long next to how quickly a running relay or projection moves (milliseconds: it is woken by the
    // append), so a subscription that still ran would be seen moving.
    static readonly TimeSpan StillFor = TimeSpan.FromSeconds(4);

    readonly Api admin = new Api(app).As(Caller.Admin);
    readonly Api staff = new(app);

    [Fact]
    public async Task a_paused_relay_publishes_nothing_and_resumes_from_its_checkpoint_with_nothing_lost()
    {
        await new Catalog(app).Listed();
        await using var copies = await MessageCopies.Of(app.Services, "Commerce.Inventory.Contracts:ProductListedIntegrationEvent");

        await Pause("inventory", "integration-relay");
        var skus = new[] { Api.NewId("sku"), Api.NewId("sku") };
        foreach (var sku in skus)
        {
            var listed = await staff.Post("/api/v1/commands/add-product", new { command_id = Api.NewId("cmd"), product_id = sku, name = "Paused", price = 1m, currency = "EUR" });
            Assert.Equal(HttpStatusCode.Accepted, listed.Status);
        }
        var held = await Poll.Throughout(() => Shard("inventory", "integration-relay"),
            s => s.Str("status") == "paused" && s.Number("lag_events") >= 2, StillFor, "the relay to stay where it was");
        Assert.Empty(await copies.Payloads());
        // Inventory runs nothing else asynchronously: the host still leads it, with everything paused.
        var inventory = (await admin.Get("/api/v1/admin/leadership")).Body.GetProperty("stores").EnumerateArray().Single(s => s.Str("store") == "inventory");
        Assert.True(inventory.GetProperty("leads").GetBoolean());
        Assert.Empty(inventory.GetProperty("running").EnumerateArray());

        var resumed = await admin.Post("/api/v1/admin/projections/inventory/integration-relay/resume", new { });
        Assert.Equal("active", resumed.Body.Str("status"));
        await Poll.Until(() => Shard("inventory", "integration-relay"), s => s.Str("status") == "active" && s.Number("lag_events") == 0,
            TimeSpan.FromSeconds(30), "the relay to catch up");
        foreach (var sku in skus) await new Catalog(app).InOrdersCatalog(sku);
        var published = await Poll.Until(copies.Payloads, p => p.Count >= 2, TimeSpan.FromSeconds(30), "both products published");
        Assert.Equal(2, published.Count);
        Assert.All(skus, sku => Assert.Single(published, p => p.Contains(sku, StringComparison.Ordinal)));
        Assert.True((await Shard("inventory", "integration-relay")).Number("checkpoint") > held.Number("checkpoint"));
    }

    [Fact]
    public async Task a_paused_projection_updates_nothing_refuses_a_rebuild_and_catches_up_on_resume()
    {
        var sku = await new Catalog(app).Listed(stock: 5);
        var shop = new Shop(app);

        await Pause("orders", "UserActivity");
        var orderId = await shop.Order(sku, 1);
        await Poll.Throughout(() => Activity(shop.User), rows => rows == 0, StillFor, "no activity while paused");
        var rebuild = await admin.Post("/api/v1/admin/projections/orders/UserActivity/rebuild", new { });
        var leadership = await admin.Get("/api/v1/admin/leadership");

        Assert.Equal(HttpStatusCode.Conflict, rebuild.Status);
        var orders = leadership.Body.GetProperty("stores").EnumerateArray().Single(s => s.Str("store") == "orders");
        Assert.True(orders.GetProperty("leads").GetBoolean());
        Assert.Contains(orders.GetProperty("paused").EnumerateArray(), s => s.GetString()!.StartsWith("UserActivity", StringComparison.Ordinal));

        await admin.Post("/api/v1/admin/projections/orders/UserActivity/resume", new { });
        await Poll.Until(() => Activity(shop.User), rows => rows > 0, TimeSpan.FromSeconds(30), $"the activity of {orderId}");
        Assert.Equal("active", (await Shard("orders", "UserActivity")).Str("status"));
    }

    [Fact]
    public async Task only_a_store_and_subscription_that_exist_can_be_paused()
    {
        var unknownStore = await admin.Post("/api/v1/admin/projections/shipping/integration-relay/pause", new { });
        var unknownName = await admin.Post("/api/v1/admin/projections/orders/NoSuchProjection/pause", new { });
        var inline = await admin.Post("/api/v1/admin/projections/orders/OrderDetails/pause", new { });

        Assert.Equal(HttpStatusCode.NotFound, unknownStore.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownName.Status);
        Assert.Contains("integration-relay", unknownName.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, inline.Status);
    }

    // Paused once the leading host holds the shard stopped, not merely once the pause is stored.
    async Task Pause(string store, string name)
    {
        var paused = await admin.Post($"/api/v1/admin/projections/{store}/{name}/pause", new { });
        Assert.Equal(HttpStatusCode.OK, paused.Status);
        Assert.Equal("paused", paused.Body.Str("status"));
        await Poll.Until(() => admin.Get("/api/v1/admin/leadership"),
            r => r.Body.GetProperty("stores").EnumerateArray().Single(s => s.Str("store") == store).GetProperty("paused").EnumerateArray()
                .Any(s => s.GetString()!.StartsWith(name, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"{store} {name} held stopped");
    }

    async Task<JsonElement> Shard(string store, string name) =>
        (await admin.Get("/api/v1/admin/projections")).Body.GetProperty("projections").EnumerateArray()
            .Single(p => p.Str("store") == store && p.Str("name").StartsWith(name + ":", StringComparison.Ordinal));

    Task<long> Activity(string user) =>
        Sql.Scalar<long>(app, "SELECT count(*) FROM orders.mt_doc_useractivity WHERE data->>'UserId' = @u", ("u", user));
}

[CollectionDefinition(Name)]
public sealed class Pauses : ICollectionFixture<AppFixture>
{
    public const string Name = "pauses";
}
