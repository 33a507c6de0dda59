using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Orders;

[Collection(AppHost.Name)]
public sealed class OrderCommandTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Api customer = new Api(app).AsCustomer("user-789");
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly EventLog events = new(app);

    // The checkout runs alongside and appends its steps to the order's stream, so these tests count
    // the events a command is about, not all of them.
    async Task<int> Count(string orderId, string type) => (await events.Types("orders", orderId)).Count(t => t == type);

    async Task<string> PlacedOrder(string sku, string? paymentMethod = null, int quantity = 2)
    {
        var placed = await api.AsCustomer("user-789").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "user-789",
            items = new[] { new { product_id = sku, quantity } },
            payment_method = paymentMethod,
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        Assert.Equal(HttpStatusCode.Accepted, placed.Status);
        return placed.Body.Str("aggregate_id");
    }

    [Fact]
    public async Task create_order_answers_202_with_the_seeds_response_and_a_location()
    {
        var sku = await catalog.Listed(price: 29.99m);

        var reply = await api.AsCustomer("user-789").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "user-789",
            items = new[] { new { product_id = sku, quantity = 2, price = 29.99m } },
            payment_method = "tok_visa",
            timestamp = "2025-11-12T10:30:00Z",
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        var orderId = reply.Body.Str("aggregate_id");
        Assert.StartsWith("order-", orderId, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/query/order-details/{orderId}", reply.Headers["Location"]);
        var evt = Assert.Single(reply.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("OrderPlaced", evt.Str("event_type"));
        Assert.Equal(1L, evt.Number("version"));
        Assert.Equal("order_placed", (await events.Types("orders", orderId))[0]);
    }

    [Fact]
    public async Task client_chosen_order_id_is_used_and_reusing_it_is_409()
    {
        var sku = await catalog.Listed();
        var orderId = Api.NewId("order");
        var body = (string cmd) => new
        {
            command_id = cmd, aggregate_id = orderId, user_id = "u1", items = new[] { new { product_id = sku, quantity = 1 } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        };

        var first = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", body(Api.NewId("cmd")));
        var second = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", body(Api.NewId("cmd")));

        Assert.Equal(orderId, first.Body.Str("aggregate_id"));
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal(1, await Count(orderId, "order_placed"));
    }

    [Fact]
    public async Task price_that_differs_from_the_catalog_is_400_naming_the_product_and_current_price()
    {
        var sku = await catalog.Listed(price: 9.50m);
        var orderId = Api.NewId("order");

        var reply = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), aggregate_id = orderId, user_id = "u1", items = new[] { new { product_id = sku, quantity = 1, price = 8.00m } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(sku, reply.Detail, StringComparison.Ordinal);
        Assert.Contains("9.50 EUR", reply.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await api.EventCount("orders", orderId));
    }

    [Fact]
    public async Task unknown_product_is_404()
    {
        var reply = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "u1", items = new[] { new { product_id = Api.NewId("ghost"), quantity = 1 } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task products_in_two_currencies_are_400()
    {
        var euro = await catalog.Listed(currency: "EUR");
        var dollar = await catalog.Listed(currency: "USD");

        var reply = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "u1",
            items = new[] { new { product_id = euro, quantity = 1 }, new { product_id = dollar, quantity = 1 } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("one currency", reply.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task unknown_payment_token_is_400_naming_the_valid_ones_and_writes_nothing()
    {
        var sku = await catalog.Listed();
        var orderId = Api.NewId("order");

        var reply = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), aggregate_id = orderId, user_id = "u1", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_bogus",
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("tok_visa", reply.Body.GetProperty("errors").GetProperty("payment_method")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.EventCount("orders", orderId));
    }

    [Fact]
    public async Task process_payment_with_an_amount_other_than_the_total_is_400()
    {
        var sku = await catalog.Listed(price: 29.99m);
        var orderId = await PlacedOrder(sku, quantity: 2);

        var reply = await customer.Post("/api/v1/commands/process-payment",
            new { command_id = Api.NewId("cmd"), order_id = orderId, payment_method = "tok_visa", amount = 50.00m });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("59.98", reply.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await Count(orderId, "order_payment_submitted"));
    }

    [Fact]
    public async Task paying_a_cancelled_order_is_409_and_cancelling_twice_is_409()
    {
        var sku = await catalog.Listed(price: 5m);
        var orderId = await PlacedOrder(sku, quantity: 1);
        var cancel = await customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "changed my mind" });

        var pay = await customer.Post("/api/v1/commands/process-payment", new { command_id = Api.NewId("cmd"), order_id = orderId, payment_method = "tok_visa", amount = 5m });
        var again = await customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "again" });

        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.Equal(HttpStatusCode.Conflict, pay.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(1, await Count(orderId, "order_cancelled"));
        Assert.Equal(0, await Count(orderId, "order_payment_submitted"));
    }

    [Fact]
    public async Task paying_an_order_placed_with_a_payment_method_is_409()
    {
        var sku = await catalog.Listed(price: 5m);
        var orderId = await PlacedOrder(sku, paymentMethod: "tok_visa", quantity: 1);

        var pay = await customer.Post("/api/v1/commands/process-payment", new { command_id = Api.NewId("cmd"), order_id = orderId, payment_method = "tok_visa", amount = 5m });

        Assert.Equal(HttpStatusCode.Conflict, pay.Status);
    }

    [Fact]
    public async Task shipping_an_unconfirmed_order_is_409()
    {
        var sku = await catalog.Listed();
        var orderId = await PlacedOrder(sku);

        var ship = await api.Post("/api/v1/commands/ship-order", new { command_id = Api.NewId("cmd"), order_id = orderId, tracking_number = "ABC123" });

        Assert.Equal(HttpStatusCode.Conflict, ship.Status);
        Assert.Contains("only a confirmed order", ship.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task commands_on_an_unknown_order_are_404()
    {
        var ghost = Api.NewId("order");

        var pay = await customer.Post("/api/v1/commands/process-payment", new { command_id = Api.NewId("cmd"), order_id = ghost, payment_method = "tok_visa", amount = 1m });
        var cancel = await customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = ghost, reason = "x" });
        var ship = await api.Post("/api/v1/commands/ship-order", new { command_id = Api.NewId("cmd"), order_id = ghost, tracking_number = "T1" });

        Assert.Equal(HttpStatusCode.NotFound, pay.Status);
        Assert.Equal(HttpStatusCode.NotFound, cancel.Status);
        Assert.Equal(HttpStatusCode.NotFound, ship.Status);
        Assert.Equal(0, await api.EventCount("orders", ghost));
    }

    [Fact]
    public async Task cancel_with_a_stale_expected_version_is_409_and_repeat_returns_the_first_result()
    {
        var sku = await catalog.Listed();
        var orderId = await PlacedOrder(sku);
        await shop.CheckoutEndsIn(orderId, "awaiting_payment");   // the order's stream is still until paid
        var version = (await events.Types("orders", orderId)).Count;

        var stale = await customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "x", expected_version = version - 1 });
        var cancel = new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "too slow", expected_version = version };
        var first = await customer.Post("/api/v1/commands/cancel-order", cancel);
        var repeat = await customer.Post("/api/v1/commands/cancel-order", cancel);

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(first.Text, repeat.Text);
        Assert.Equal(1, await Count(orderId, "order_cancelled"));
    }

    [Fact]
    public async Task a_price_change_reaches_orders_catalog_and_the_old_price_is_then_rejected()
    {
        var sku = await catalog.Listed(price: 10m);
        var changed = await api.Post("/api/v1/commands/change-price", new { command_id = Api.NewId("cmd"), product_id = sku, price = 12m });
        Assert.Equal(HttpStatusCode.Accepted, changed.Status);

        await catalog.InOrdersCatalog(sku, 12m);
        var old = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "u1", items = new[] { new { product_id = sku, quantity = 1, price = 10m } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        Assert.Contains("12.00 EUR", old.Detail, StringComparison.Ordinal);
    }
}
