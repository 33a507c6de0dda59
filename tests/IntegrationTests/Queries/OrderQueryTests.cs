using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Queries;

[Collection(AppHost.Name)]
public sealed class OrderQueryTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task order_details_at_the_location_show_the_whole_checkout_timeline()
    {
        var sku = await catalog.Listed(price: 29.99m, stock: 5);
        var placed = await api.AsCustomer("user-789").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "user-789", items = new[] { new { product_id = sku, quantity = 2 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        var orderId = placed.Body.Str("aggregate_id");
        await shop.CheckoutEndsIn(orderId, "confirmed");

        var details = await Poll.Until(() => api.Get(placed.Headers["Location"]), r => r.Body.Str("status") == "confirmed",
            TimeSpan.FromSeconds(30), "confirmed order details");

        Assert.Equal(orderId, details.Body.Str("order_id"));
        Assert.Equal(59.98m, details.Body.Dec("total"));
        Assert.Equal(2L, details.Body.Number("items_count"));
        var timeline = details.Body.GetProperty("timeline").EnumerateArray().Select(t => t.Str("event")).ToList();
        Assert.Equal(["placed", "stock_reserved", "paid", "confirmed"], timeline);
    }

    [Fact]
    public async Task the_order_summary_is_current_when_the_command_answers_and_follows_the_checkout()
    {
        var sku = await catalog.Listed(price: 4m, stock: 5);
        var user = Api.NewId("user");
        var placed = await api.AsCustomer(user).Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = user, items = new[] { new { product_id = sku, quantity = 3 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        var orderId = placed.Body.Str("aggregate_id");

        var first = await api.Get($"/api/v1/query/order-summary/{orderId}?min_version={placed.Body.Number("version")}");
        await shop.CheckoutEndsIn(orderId, "confirmed");
        var last = await Poll.Until(() => api.Get($"/api/v1/query/order-summary/{orderId}"), r => r.Body.Str("status") == "confirmed",
            TimeSpan.FromSeconds(30), "confirmed summary");
        var unknown = await api.Get($"/api/v1/query/order-summary/{Api.NewId("order")}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(12m, first.Body.Dec("total_amount"));
        Assert.Equal(3L, first.Body.Number("items_count"));
        Assert.True(first.Body.Number("last_event_version") >= placed.Body.Number("version"));
        // The checkout can be over by the time of the first read, so only the placing is behind both.
        Assert.True(last.Body.Number("last_event_version") > placed.Body.Number("version"));
        Assert.True(last.Body.Number("last_event_version") >= first.Body.Number("last_event_version"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task order_details_of_a_cancelled_order_give_the_reason_and_unknown_orders_are_404()
    {
        var sku = await catalog.Listed(stock: 1);
        var orderId = await shop.Order(sku, 5, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "cancelled");

        var details = await Poll.Until(() => api.Get($"/api/v1/query/order-details/{orderId}"), r => r.Body.Str("status") == "cancelled",
            TimeSpan.FromSeconds(30), "cancelled order details");
        var missing = await api.Get($"/api/v1/query/order-details/{Api.NewId("order")}");

        Assert.Contains(sku, details.Body.Str("cancel_reason"), StringComparison.Ordinal);
        Assert.Contains("stock_reservation_failed", details.Body.GetProperty("timeline").EnumerateArray().Select(t => t.Str("event")));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task a_stream_reads_from_a_version_with_its_metadata_in_each_module()
    {
        var sku = await catalog.Listed(stock: 3);
        var orderId = await shop.Order(sku, 1, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "confirmed");

        var all = await api.Get($"/api/v1/events/{orderId}");
        var later = await api.Get($"/api/v1/events/{orderId}?from_version=2");
        var payment = await api.Get($"/api/v1/events/{orderId}?module=payments");
        var product = await api.Get($"/api/v1/events/{sku}");
        var missing = await api.Get($"/api/v1/events/{Api.NewId("order")}");

        var first = all.Body.GetProperty("events")[0];
        Assert.Equal("OrderPlaced", first.Str("event_type"));
        Assert.Equal(orderId, first.GetProperty("data").Str("order_id"));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("metadata").Str("correlation_id")));
        Assert.All(later.Body.GetProperty("events").EnumerateArray(), e => Assert.True(e.Number("version") >= 2));
        Assert.Equal("payments", payment.Body.Str("module"));
        Assert.Equal("PaymentRequested", payment.Body.GetProperty("events")[0].Str("event_type"));
        Assert.Equal("ProductListed", product.Body.GetProperty("events")[0].Str("event_type"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task an_order_can_be_read_as_it_was_at_a_version_or_a_time()
    {
        var sku = await catalog.Listed(stock: 3);
        var orderId = await shop.Order(sku, 1, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "confirmed");
        var now = await api.Get($"/api/v1/query/order-details/{orderId}");

        var atPlacing = await api.Get($"/api/v1/query/order-details/{orderId}?at_version=1");
        var beforeAnything = await api.Get($"/api/v1/query/order-details/{orderId}?as_of=2000-01-01T00:00:00Z");
        var asOfNow = await api.Get($"/api/v1/query/order-details/{orderId}?as_of={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
        var both = await api.Get($"/api/v1/query/order-details/{orderId}?at_version=1&as_of=2000-01-01");

        Assert.Equal("placed", atPlacing.Body.Str("status"));
        Assert.Equal(1L, atPlacing.Body.Number("version"));
        Assert.Single(atPlacing.Body.GetProperty("timeline").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, beforeAnything.Status);
        Assert.Equal(now.Body.GetProperty("timeline").GetRawText(), asOfNow.Body.GetProperty("timeline").GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, both.Status);
    }
}
