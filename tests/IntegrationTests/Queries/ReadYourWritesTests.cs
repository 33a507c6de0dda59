using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Queries;

[Collection(AppHost.Name)]
public sealed class ReadYourWritesTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_command_answers_its_version_and_sequence_and_queries_wait_for_them()
    {
        var currency = "Y" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));
        var sku = await catalog.Listed(price: 3m, currency: currency, stock: 5);
        var create = new
        {
            command_id = Api.NewId("cmd"), user_id = "u1", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        };
        var placed = await api.AsCustomer("u1").Post("/api/v1/commands/create-order", create);
        var orderId = placed.Body.Str("aggregate_id");
        // The answer's sequence is the appended event's own, and a repeat of the command answers the same.
        var log = await api.Get($"/api/v1/events/{orderId}");
        var placedAt = log.Body.GetProperty("events").EnumerateArray().Single(e => e.Str("event_type") == "OrderPlaced")
            .GetProperty("metadata").Number("sequence");
        Assert.Equal(placedAt, placed.Body.Number("sequence"));
        Assert.Equal(placedAt, (await api.AsCustomer("u1").Post("/api/v1/commands/create-order", create)).Body.Number("sequence"));

        var details = await api.Get($"/api/v1/query/order-details/{orderId}?min_version={placed.Body.Number("version")}");
        Assert.Equal(HttpStatusCode.OK, details.Status);

        await shop.CheckoutEndsIn(orderId, "confirmed");
        var stream = await api.Get($"/api/v1/events/{orderId}");
        var confirmedAt = stream.Body.GetProperty("events").EnumerateArray().Single(e => e.Str("event_type") == "OrderConfirmed")
            .GetProperty("metadata").Number("sequence");
        var today = DateTime.UtcNow.Date;
        // A client retries a 503 (the projection was still behind after the bounded wait); the first
        // answer it gets must already include the write it asked for.
        var sales = await Poll.Until(
            () => api.Get($"/api/v1/query/sales?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&min_sequence={confirmedAt}"),
            r => r.Status != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60), "sales at the confirmation's sequence");
        Assert.Equal(HttpStatusCode.OK, sales.Status);
        Assert.Contains(sales.Body.GetProperty("days").EnumerateArray(), d => d.Str("currency") == currency);
    }

    [Fact]
    public async Task a_position_not_reached_in_time_is_503_with_retry_after()
    {
        var sku = await catalog.Listed(stock: 2);
        var orderId = await shop.Order(sku, 1, paymentMethod: null);

        var ahead = await api.Get($"/api/v1/query/order-details/{orderId}?min_version=999");
        var farAhead = await api.Get($"/api/v1/query/user-activity/u1?min_sequence=999999999");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ahead.Status);
        Assert.Equal("1", ahead.Headers["Retry-After"]);
        Assert.Contains("at least 999", ahead.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, farAhead.Status);
    }
}
