using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Admin;

[Collection(AppHost.Name)]
public sealed class AppendTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly EventLog events = new(app);

    static object Shipped(string orderId, long expectedVersion, object data) => new
    {
        aggregate_id = orderId, expected_version = expectedVersion,
        events = new[] { new { event_type = "OrderShipped", data, timestamp = "2025-11-12T11:00:00Z" } },
    };

    [Fact]
    public async Task the_seeds_order_shipped_append_goes_through_the_order_rules()
    {
        var sku = await catalog.Listed(stock: 2);
        var orderId = await shop.Order(sku, 1, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "confirmed");
        var version = (await events.Eventually("orders", orderId, t => t.Contains("order_confirmed"), "confirmed")).Count;

        var anonymous = await api.As(Caller.Anonymous).Post("/api/v1/events/append", Shipped(orderId, version, new { tracking_number = "ABC123" }));
        var stale = await api.Post("/api/v1/events/append", Shipped(orderId, version - 1, new { tracking_number = "ABC123" }));
        var badData = await api.Post("/api/v1/events/append", Shipped(orderId, version, new { tracking = 5 }));
        var unknown = await api.Post("/api/v1/events/append", new { aggregate_id = orderId, expected_version = version,
            events = new[] { new { event_type = "OrderConfirmed", data = new { } } } });
        var shipped = await api.Post("/api/v1/events/append", Shipped(orderId, version, new { tracking_number = "ABC123" }));

        var byOperator = await api.As(Caller.Operator).Post("/api/v1/events/append", Shipped(orderId, version, new { tracking_number = "ABC123" }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.Status);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badData.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(HttpStatusCode.Accepted, shipped.Status);
        Assert.Equal("OrderShipped", shipped.Body.GetProperty("events")[0].Str("event_type"));
        var details = await api.Get($"/api/v1/query/order-details/{orderId}");
        Assert.Equal("shipped", details.Body.Str("status"));
        Assert.Equal("ABC123", details.Body.Str("tracking_number"));
    }

    [Fact]
    public async Task an_append_the_aggregate_refuses_is_409()
    {
        var sku = await catalog.Listed(stock: 2);
        var orderId = await shop.Order(sku, 1, paymentMethod: null);
        await shop.CheckoutEndsIn(orderId, "awaiting_payment");

        var shipped = await api.Post("/api/v1/events/append", new { aggregate_id = orderId,
            events = new[] { new { event_type = "OrderShipped", data = new { tracking_number = "T1" } } } });

        Assert.Equal(HttpStatusCode.Conflict, shipped.Status);
        Assert.Contains("only a confirmed order", shipped.Detail, StringComparison.Ordinal);
    }
}
