using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Inventory;

[Collection(AppHost.Name)]
public sealed class InventoryCommandTests(AppFixture app)
{
    readonly Api api = new(app);

    async Task<string> ListedProduct(decimal price = 12.5m, int stock = 0)
    {
        var sku = Api.NewId("sku");
        var listed = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = "Blue mug", price, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Accepted, listed.Status);
        if (stock > 0)
        {
            var received = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = stock });
            Assert.Equal(HttpStatusCode.Accepted, received.Status);
        }
        return sku;
    }

    [Fact]
    public async Task add_product_answers_202_with_the_seeds_response_and_writes_one_event()
    {
        var sku = Api.NewId("sku");
        var reply = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = "Blue mug", price = 12.5m, currency = "EUR" });

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        Assert.Equal("accepted", reply.Body.Str("status"));
        var evt = Assert.Single(reply.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("ProductListed", evt.Str("event_type"));
        Assert.Equal(sku, evt.Str("aggregate_id"));
        Assert.Equal(1L, evt.Number("version"));
        Assert.True(Guid.TryParse(evt.Str("event_id"), out _));
        Assert.Equal(1, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task listed_and_stocked_product_shows_in_the_products_query()
    {
        var sku = await ListedProduct(price: 7.25m, stock: 4);

        var products = await api.Get("/api/v1/query/products");

        var row = products.Body.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == sku);
        Assert.Equal(7.25m, row.Dec("price"));
        Assert.Equal("EUR", row.Str("currency"));
        Assert.Equal(4L, row.Number("on_hand"));
        Assert.Equal(0L, row.Number("reserved"));
        Assert.Equal(4L, row.Number("available"));
    }

    [Fact]
    public async Task invalid_command_is_400_listing_each_field_and_writes_nothing()
    {
        var sku = Api.NewId("sku");

        var reply = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = "", price = -1m, currency = "euro" });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var errors = reply.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("price", out _));
        Assert.True(errors.TryGetProperty("currency", out _));
        Assert.Equal(0, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task repeated_command_id_returns_the_first_result_and_appends_nothing()
    {
        var sku = await ListedProduct();
        var command = new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 3 };

        var first = await api.Post("/api/v1/commands/receive-stock", command);
        var again = await api.Post("/api/v1/commands/receive-stock", command);

        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(2, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task idempotency_key_header_works_like_command_id()
    {
        var sku = await ListedProduct();
        var key = ("Idempotency-Key", Api.NewId("key"));

        var first = await api.Post("/api/v1/commands/receive-stock", new { product_id = sku, quantity = 3 }, key);
        var again = await api.Post("/api/v1/commands/receive-stock", new { product_id = sku, quantity = 3 }, key);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(2, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task same_command_id_with_another_body_is_422_and_appends_nothing()
    {
        var sku = await ListedProduct();
        var id = Api.NewId("cmd");
        await api.Post("/api/v1/commands/receive-stock", new { command_id = id, product_id = sku, quantity = 3 });

        var reused = await api.Post("/api/v1/commands/receive-stock", new { command_id = id, product_id = sku, quantity = 4 });

        Assert.Equal((HttpStatusCode)422, reused.Status);
        Assert.Contains(id, reused.Detail, StringComparison.Ordinal);
        Assert.Equal(2, await api.EventCount("inventory", sku));
    }

    [Fact]
    public async Task expected_version_that_moved_on_is_409_and_if_match_works_too()
    {
        var sku = await ListedProduct(stock: 1);   // version 2

        var stale = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 1, expected_version = 1 });
        var staleHeader = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 1 }, ("If-Match", "\"1\""));
        var current = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 1 }, ("If-Match", "\"2\""));

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.Conflict, staleHeader.Status);
        Assert.Equal(HttpStatusCode.Accepted, current.Status);
        Assert.Equal(3L, current.Body.Number("version"));
    }

    [Fact]
    public async Task existing_product_id_is_409()
    {
        var sku = await ListedProduct();

        var again = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = "Other", price = 1m, currency = "EUR" });

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains(sku, again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task unknown_product_is_404_problem_details()
    {
        var reply = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = Api.NewId("nope"), quantity = 1 });

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/problem+json", reply.Headers["Content-Type"]);
    }

    [Fact]
    public async Task events_carry_correlation_causation_the_tokens_user_the_callers_address_and_schema_version()
    {
        var sku = Api.NewId("sku");
        var commandId = Api.NewId("cmd");
        // The user is the token's: a header naming someone else is not read (it was, before tokens).
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { command_id = commandId, product_id = sku, name = "Mug", price = 1m, currency = "EUR" }).ToUrl("/api/v1/commands/add-product");
            s.WithRequestHeader("Authorization", $"Bearer {new Caller("alice", [Commerce.BuildingBlocks.Http.Access.Operator]).Bearer()}");
            s.WithRequestHeader("X-Correlation-Id", "corr-" + sku);
            s.WithRequestHeader("X-User-Id", "mallory");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        var reply = await Reply.From(result);

        Assert.Equal("corr-" + sku, reply.Headers["X-Correlation-Id"]);
        await using var connection = new Npgsql.NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT correlation_id, causation_id, user_name, headers::text FROM inventory.mt_events WHERE stream_id = @id", connection);
        command.Parameters.AddWithValue("id", sku);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("corr-" + sku, row.GetString(0));
        Assert.Equal(commandId, row.GetString(1));
        Assert.Equal("alice", row.GetString(2));
        var headers = JsonDocument.Parse(row.GetString(3)).RootElement;
        Assert.Equal(1, headers.GetProperty("schema-version").GetInt32());
        Assert.Equal("203.0.113.7", headers.Str("client-address"));
    }

    [Fact]
    public async Task concurrent_commands_on_one_product_are_all_accepted_when_no_version_is_expected()
    {
        var sku = await ListedProduct();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 1 })));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Equal(9, await api.EventCount("inventory", sku));
        var products = await api.Get("/api/v1/query/products");
        Assert.Equal(8L, products.Body.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == sku).Number("on_hand"));
    }
}
