using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Admin;

[Collection(AppHost.Name)]
public sealed class RebuildTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_rebuilt_projection_equals_the_one_built_live()
    {
        var currency = "Z" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));
        var sku = await catalog.Listed(price: 6m, currency: currency, stock: 9);
        foreach (var orderId in new[] { await shop.Order(sku, 1), await shop.Order(sku, 3) })
            await shop.CheckoutEndsIn(orderId, "confirmed");
        var live = await Poll.Until(() => SalesRows(currency), rows => rows.Count == 1 && rows[0].Contains("\"OrderCount\": 2", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "live sales");

        var noKey = await api.As(Caller.Anonymous).Post("/api/v1/admin/projections/orders/SalesDay/rebuild", new { });
        var rebuilt = await api.Post("/api/v1/admin/projections/orders/SalesDay/rebuild", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
        Assert.Equal(HttpStatusCode.OK, rebuilt.Status);
        Assert.Equal(live, await SalesRows(currency));

        // and it keeps following new events afterwards
        await shop.CheckoutEndsIn(await shop.Order(sku, 1), "confirmed");
        await Poll.Until(() => SalesRows(currency), rows => rows.Count == 1 && rows[0].Contains("\"OrderCount\": 3", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "sales after the rebuild");
    }

    [Fact]
    public async Task replaying_the_same_events_twice_gives_the_same_read_models()
    {
        var user = Api.NewId("user");
        var sku = await catalog.Listed(stock: 5);
        var placed = new[] { await shop.Order(sku, 1, "tok_visa", user), await shop.Order(sku, 2, "tok_chargeDeclined", user) };
        await shop.CheckoutEndsIn(placed[0], "confirmed");
        await shop.CheckoutEndsIn(placed[1], "cancelled");
        // Steps keep arriving after a checkout ends, each through its own queue and in no fixed order:
        // wait for every step of both orders, then until each row reflects its stream's last event.
        var log = new EventLog(app);
        await log.Eventually("orders", placed[0], types => ConfirmedSteps.All(types.Contains), "the confirmed order's steps");
        await log.Eventually("orders", placed[1], types => DeclinedSteps.All(types.Contains), "the declined order's steps");
        var orders = (await Poll.Until(async () =>
        {
            var rows = await Rows("userorder", "data->'Order'->>'UserId'", user);
            var current = 0;
            foreach (var row in rows)
            {
                var order = JsonDocument.Parse(row).RootElement.GetProperty("Order");
                if (order.GetProperty("LastEventVersion").GetInt64() == (await log.Types("orders", order.GetProperty("Id").GetString()!)).Count) current++;
            }
            return (rows, current);
        }, seen => seen.rows.Count == 2 && seen.current == 2, TimeSpan.FromSeconds(30), "orders by user")).rows;
        var activity = await Poll.Until(() => Rows("useractivity", "data->>'UserId'", user), rows => rows.Count == 4, TimeSpan.FromSeconds(30), "user activity");

        foreach (var _ in new[] { 1, 2 })
        {
            foreach (var projection in new[] { "OrdersByUser", "UserActivity" })
                Assert.Equal(HttpStatusCode.OK, (await api.Post($"/api/v1/admin/projections/orders/{projection}/rebuild", new { })).Status);
            Assert.Equal(orders, await Rows("userorder", "data->'Order'->>'UserId'", user));
            Assert.Equal(activity, await Rows("useractivity", "data->>'UserId'", user));
        }
    }

    static readonly string[] ConfirmedSteps = ["checkout_stock_reserved", "checkout_payment_charged", "order_confirmed"];
    static readonly string[] DeclinedSteps = ["checkout_stock_reserved", "checkout_payment_declined", "order_cancelled", "checkout_stock_released"];

    Task<IReadOnlyList<string>> SalesRows(string currency) => Rows("salesday", "data->>'Currency'", currency);

    Task<IReadOnlyList<string>> Rows(string document, string field, string value) =>
        Sql.Column(app, $"orders.mt_doc_{document}", $"SELECT data::text FROM orders.mt_doc_{document} WHERE {field} = @c ORDER BY id", ("c", value));
}
