using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Access;

/// A customer's side of the policies: everything about their own order, nothing about anyone else's,
/// and no way to tell someone else's order from one that does not exist.
[Collection(AppHost.Name)]
public sealed class OwnOrderTests(AppFixture app)
{
    static readonly string[] Hidden = ["user", "headers", "correlation_id", "causation_id"];

    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task a_customer_reads_all_of_their_own_order_and_its_events_without_other_actors()
    {
        var sku = await catalog.Listed(stock: 5);
        var orderId = await shop.Order(sku, 1, "tok_visa");
        await shop.CheckoutEndsIn(orderId, "confirmed");
        var me = shop.Customer;

        var reads = new[]
        {
            $"/api/v1/query/order-details/{orderId}", $"/api/v1/query/order-details/{orderId}?at_version=1",
            $"/api/v1/query/order-summary/{orderId}", $"/api/v1/query/checkouts/{orderId}",
            $"/api/v1/query/orders/{shop.User}", $"/api/v1/query/user-activity/{shop.User}",
            $"/api/v1/events/{orderId}", $"/api/v1/events/{orderId}?module=payments", "/api/v1/query/products",
        };
        foreach (var route in reads)
        {
            var reply = await me.Get(route);
            Assert.True(reply.Status == HttpStatusCode.OK, $"{route}: {reply}");
        }
        var events = await me.Get($"/api/v1/events/{orderId}");
        Assert.All(events.Body.GetProperty("events").EnumerateArray(), e =>
        {
            var metadata = e.GetProperty("metadata");
            Assert.True(metadata.Number("sequence") > 0);
            foreach (var hidden in Hidden)
                Assert.Equal(System.Text.Json.JsonValueKind.Null, metadata.GetProperty(hidden).ValueKind);
        });
        var asAdmin = await new Api(app, Caller.Admin).Get($"/api/v1/events/{orderId}");
        Assert.Equal(shop.User, asAdmin.Body.GetProperty("events")[0].GetProperty("metadata").Str("user"));
    }

    [Fact]
    public async Task another_customers_order_answers_exactly_as_one_that_does_not_exist()
    {
        var sku = await catalog.Listed(stock: 5);
        var orderId = await shop.Order(sku, 1, paymentMethod: null);
        var ghost = Api.NewId("order");
        var stranger = new Api(app).AsCustomer(Api.NewId("user"));

        foreach (var route in new[]
        {
            "/api/v1/query/order-details/{0}", "/api/v1/query/order-details/{0}?at_version=0", "/api/v1/query/order-summary/{0}?min_version=50",
            "/api/v1/query/checkouts/{0}", "/api/v1/events/{0}", "/api/v1/events/{0}?module=payments",
        })
        {
            var theirs = await stranger.Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, orderId));
            var none = await stranger.Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, ghost));
            Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
            Assert.Equal(none.Status, theirs.Status);
            Assert.Equal(none.Detail!.Replace(ghost, "ID", StringComparison.Ordinal), theirs.Detail!.Replace(orderId, "ID", StringComparison.Ordinal));
        }
        foreach (var (command, body) in new (string, Func<string, object>)[]
        {
            ("process-payment", id => new { command_id = Api.NewId("cmd"), order_id = id, payment_method = "tok_visa", amount = 1m }),
            ("cancel-order", id => new { command_id = Api.NewId("cmd"), order_id = id, reason = "mine now" }),
            ("cancel-order", id => new { command_id = Api.NewId("cmd"), order_id = id }),
        })
        {
            var theirs = await stranger.Post($"/api/v1/commands/{command}", body(orderId));
            var none = await stranger.Post($"/api/v1/commands/{command}", body(ghost));
            Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
            Assert.Equal(none.Status, theirs.Status);
            Assert.Equal(none.Detail!.Replace(ghost, "ID", StringComparison.Ordinal), theirs.Detail!.Replace(orderId, "ID", StringComparison.Ordinal));
        }
        Assert.DoesNotContain("order_cancelled", await new EventLog(app).Types("orders", orderId));
    }
}
