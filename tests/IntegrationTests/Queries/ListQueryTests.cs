using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Queries;

[Collection(AppHost.Name)]
public sealed class ListQueryTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task orders_of_a_user_page_newest_first_and_filter_by_status()
    {
        var user = Api.NewId("user");
        var sku = await catalog.Listed(price: 5m, stock: 10);
        var confirmed = await shop.Order(sku, 1, "tok_visa", user);
        var declined = await shop.Order(sku, 2, "tok_chargeDeclined", user);
        var newest = await shop.Order(sku, 3, "tok_visa", user);
        foreach (var (id, end) in new[] { (confirmed, "confirmed"), (declined, "cancelled"), (newest, "confirmed") })
            await shop.CheckoutEndsIn(id, end);

        var firstPage = await Poll.Until(() => api.Get($"/api/v1/query/orders/{user}?page_size=2"),
            // The checkout ends before the order's own cancellation is written and projected: wait for both.
            r => r.Body.Number("total_count") == 3 && r.Body.GetProperty("orders")[0].Str("status") == "confirmed"
                && r.Body.GetProperty("orders")[1].Str("status") == "cancelled", TimeSpan.FromSeconds(30), "three orders in their final states");
        var secondPage = await api.Get($"/api/v1/query/orders/{user}?page=2&page_size=2");
        var cancelled = await api.Get($"/api/v1/query/orders/{user}?status=cancelled");
        var bad = await api.Get($"/api/v1/query/orders/{user}?status=lost");

        Assert.Equal([newest, declined], firstPage.Body.GetProperty("orders").EnumerateArray().Select(o => o.Str("order_id")));
        Assert.Equal(15m, firstPage.Body.GetProperty("orders")[0].Dec("total"));
        Assert.Equal([confirmed], secondPage.Body.GetProperty("orders").EnumerateArray().Select(o => o.Str("order_id")));
        Assert.Equal([declined], cancelled.Body.GetProperty("orders").EnumerateArray().Select(o => o.Str("order_id")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task sales_by_day_count_confirmed_orders_only()
    {
        var currency = "X" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));
        var sku = await catalog.Listed(price: 2.50m, currency: currency, stock: 10);
        var sold = await shop.Order(sku, 2, "tok_visa");
        var declined = await shop.Order(sku, 1, "tok_chargeDeclined");
        await shop.CheckoutEndsIn(sold, "confirmed");
        await shop.CheckoutEndsIn(declined, "cancelled");
        var today = DateTime.UtcNow.Date;
        var route = $"/api/v1/query/sales?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";

        var sales = await Poll.Until(() => api.Get(route),
            r => r.Body.GetProperty("days").EnumerateArray().Any(d => d.Str("currency") == currency), TimeSpan.FromSeconds(30), "the async sales projection");
        var bad = await api.Get("/api/v1/query/sales?from=yesterday&to=2026-01-01");

        var day = sales.Body.GetProperty("days").EnumerateArray().Single(d => d.Str("currency") == currency);
        Assert.Equal(5.00m, day.Dec("revenue"));
        Assert.Equal(1L, day.Number("order_count"));
        Assert.Equal(2L, day.Number("items"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task user_activity_lists_what_the_users_orders_went_through_newest_first()
    {
        var user = Api.NewId("user");
        var sku = await catalog.Listed(stock: 3);
        var orderId = await shop.Order(sku, 1, "tok_visa", user);
        await shop.CheckoutEndsIn(orderId, "confirmed");

        var activity = await Poll.Until(() => api.Get($"/api/v1/query/user-activity/{user}"),
            r => r.Body.GetProperty("activities").GetArrayLength() == 2, TimeSpan.FromSeconds(30), "the async user activity");

        Assert.Equal(["order_confirmed", "order_placed"], activity.Body.GetProperty("activities").EnumerateArray().Select(a => a.Str("activity_type")));
        Assert.All(activity.Body.GetProperty("activities").EnumerateArray(), a => Assert.Equal(orderId, a.Str("order_id")));
    }
}
