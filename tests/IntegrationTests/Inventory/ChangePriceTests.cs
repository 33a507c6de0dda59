using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Inventory;

[Collection(AppHost.Name)]
public sealed class ChangePriceTests(AppFixture app)
{
    readonly Api api = new(app);

    async Task<string> ListedProduct(decimal price)
    {
        var sku = Api.NewId("sku");
        var listed = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = "Blue mug", price, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Accepted, listed.Status);
        return sku;
    }

    async Task<System.Text.Json.JsonElement> ProductRow(string sku)
    {
        var products = await api.Get("/api/v1/query/products");
        return products.Body.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == sku);
    }

    [Fact]
    public async Task changed_price_shows_in_the_products_query()
    {
        var sku = await ListedProduct(12.50m);

        var reply = await api.Post("/api/v1/commands/change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 9.75m });

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        var evt = Assert.Single(reply.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("ProductPriceChanged", evt.Str("event_type"));
        Assert.Equal(2L, evt.Number("version"));
        var row = await ProductRow(sku);
        Assert.Equal(9.75m, row.Dec("price"));
        Assert.Equal("EUR", row.Str("currency"));
        Assert.Equal(2L, row.Number("version"));
    }

    [Fact]
    public async Task same_price_is_409_and_appends_nothing()
    {
        var sku = await ListedProduct(9.5m);

        var reply = await api.Post("/api/v1/commands/change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 9.50m });

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal($"Product '{sku}' already costs 9.50 EUR.", reply.Detail);
        Assert.Equal(1, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task unknown_product_is_404_problem_details()
    {
        var reply = await api.Post("/api/v1/commands/change-price", new { command_id = Api.NewId("cmd"), product_id = Api.NewId("nope"), price = 1m });

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/problem+json", reply.Headers["Content-Type"]);
    }

    // The price goes on the wire as written, so "9.505" is not rounded by a serializer first.
    [Theory]
    [InlineData("0")]
    [InlineData("9.505")]
    public async Task invalid_price_is_400_and_writes_nothing(string price)
    {
        var sku = await ListedProduct(12.50m);
        var commandId = Api.NewId("cmd");

        var reply = await api.PostRaw("/api/v1/commands/change-price",
            $$"""{"command_id":"{{commandId}}","product_id":"{{sku}}","price":{{price}}}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Body.GetProperty("errors").TryGetProperty("price", out _));
        Assert.Equal(1, await api.EventCount("inventory", sku));
        Assert.Equal(12.50m, (await ProductRow(sku)).Dec("price"));
        // Nor was the command recorded: its id is still free for a valid body.
        var retried = await api.Post("/api/v1/commands/change-price", new { command_id = commandId, product_id = sku, price = 9.50m });
        Assert.Equal(HttpStatusCode.Accepted, retried.Status);
    }

    [Fact]
    public async Task expected_version_that_moved_on_is_409_and_appends_nothing()
    {
        var sku = await ListedProduct(12.50m);
        var moved = await api.Post("/api/v1/commands/change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 11m });
        Assert.Equal(HttpStatusCode.Accepted, moved.Status);   // now at version 2

        var stale = await api.Post("/api/v1/commands/change-price",
            new { command_id = Api.NewId("cmd"), product_id = sku, price = 10m, expected_version = 1 });
        var staleHeader = await api.Post("/api/v1/commands/change-price",
            new { command_id = Api.NewId("cmd"), product_id = sku, price = 10m }, ("If-Match", "\"1\""));
        var current = await api.Post("/api/v1/commands/change-price",
            new { command_id = Api.NewId("cmd"), product_id = sku, price = 10m, expected_version = 2 });

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.Conflict, staleHeader.Status);
        Assert.Equal(HttpStatusCode.Accepted, current.Status);
        Assert.Equal(3L, current.Body.Number("version"));
        Assert.Equal(10m, (await ProductRow(sku)).Dec("price"));
    }
}
