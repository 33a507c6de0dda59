using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Orders;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Privacy;

/// Crypto-shredding: a customer's email, shipping address and the addresses their requests came from
/// are kept only sealed under their key; forget-customer destroys the key, and every read then shows
/// them erased while the order itself (lines, totals, checkout, payment) stays.
[Collection(AppHost.Name)]
public sealed class PersonalDataTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task the_owner_and_staff_read_the_delivery_details_that_the_event_keeps_only_sealed()
    {
        var customer = new Customer(app);
        var orderId = await customer.Order(await catalog.Listed(stock: 5));

        foreach (var reader in new[] { customer.Api, api.As(Caller.Operator) })
        {
            var details = (await reader.Get($"/api/v1/query/order-details/{orderId}")).Body;
            Assert.Equal("present", details.Str("personal_data"));
            Assert.Equal(customer.Email, details.Str("email"));
            var address = details.GetProperty("shipping_address");
            Assert.Equal(customer.Street, address.Str("line1"));
            Assert.Equal("Flat 2", address.Str("line2"));
            Assert.Equal("22201", address.Str("postal_code"));
            Assert.Equal("US", address.Str("country"));
        }
        var row = Assert.Single(await Sql.Column(app, "orders.mt_events",
            "SELECT data::text || headers::text FROM orders.mt_events WHERE stream_id = @id AND type = 'order_placed'", ("id", orderId)));
        Assert.DoesNotContain(customer.Email, row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(customer.Street, row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(customer.AddressText, row, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pd1:" + customer.User, row, StringComparison.Ordinal);

        var placed = await OrderPlacedInEventsApi(orderId);
        Assert.Equal(customer.Email, placed.GetProperty("data").GetProperty("delivery").Str("email"));
        Assert.Equal(customer.AddressText, ClientAddress(placed));
    }

    [Fact]
    public async Task forgetting_a_customer_erases_their_data_from_every_read_and_keeps_the_order()
    {
        var customer = new Customer(app);
        var sku = await catalog.Listed(price: 7.5m, stock: 5);
        var orderId = await customer.Order(sku);
        await shop.CheckoutEndsIn(orderId, "confirmed");

        var forgotten = await customer.Forget();

        Assert.Equal($"customer-{customer.User}", forgotten.Body.Str("aggregate_id"));
        var details = (await customer.Api.Get($"/api/v1/query/order-details/{orderId}")).Body;
        AssertErased(details);
        Assert.Equal("confirmed", details.Str("status"));
        Assert.Equal(7.5m, details.Dec("total"));
        AssertErased((await api.Get($"/api/v1/query/order-details/{orderId}?at_version=1")).Body);

        var placed = await OrderPlacedInEventsApi(orderId);
        Assert.Equal("erased", placed.GetProperty("data").Str("delivery"));
        Assert.Equal("erased", ClientAddress(placed));
        Assert.Equal("erased", (await OrderPlacedInLiveStream(orderId)).GetProperty("data").Str("delivery"));

        // A read model rebuilt from the events after the erasure has nothing to show either.
        await app.Host.Services.GetRequiredService<IOrdersStore>().Advanced.RebuildSingleStreamAsync<OrderDetails>(orderId);
        AssertErased((await api.Get($"/api/v1/query/order-details/{orderId}")).Body);

        // The erasure is an event of its own: who, whose, when.
        var audit = await api.As(Caller.Admin).Get($"/api/v1/events/customer-{customer.User}");
        var erasure = Assert.Single(audit.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("CustomerForgotten", erasure.Str("event_type"));
        Assert.Equal(customer.User, erasure.GetProperty("data").Str("user_id"));
        Assert.Equal(Caller.Admin.User, erasure.GetProperty("data").Str("forgotten_by"));
        Assert.Equal(Caller.Admin.User, erasure.GetProperty("metadata").Str("user"));

        // Stock and payment history are the shop's: untouched, and the modules still agree.
        await Invariants.AssertHold(app, [orderId], [sku]);
        var payment = await api.As(Caller.Admin).Get($"/api/v1/events/{orderId}?module=payments");
        Assert.Contains(payment.Body.GetProperty("events").EnumerateArray(), e => e.Str("event_type") == "PaymentCharged");
    }

    [Fact]
    public async Task an_order_of_a_forgotten_customer_cannot_ship_and_their_next_order_has_a_new_key()
    {
        var customer = new Customer(app);
        var sku = await catalog.Listed(stock: 5);
        var first = await customer.Order(sku);
        await shop.CheckoutEndsIn(first, "confirmed");
        await customer.Forget();

        var ship = await api.As(Caller.Operator).Post("/api/v1/commands/ship-order", new { command_id = Api.NewId("cmd"), order_id = first, tracking_number = "T-1" });
        var second = await customer.Order(sku);

        Assert.Equal(HttpStatusCode.Conflict, ship.Status);
        Assert.Contains("forgotten", ship.Detail, StringComparison.Ordinal);
        Assert.Equal("present", (await customer.Api.Get($"/api/v1/query/order-details/{second}")).Body.Str("personal_data"));
        AssertErased((await customer.Api.Get($"/api/v1/query/order-details/{first}")).Body);
    }

    [Fact]
    public async Task a_sealed_value_pasted_into_free_text_is_never_opened()
    {
        var victim = new Customer(app);
        var sku = await catalog.Listed(stock: 5);
        var victimsOrder = await victim.Order(sku);
        var stolen = await Sql.Scalar<string>(app, "SELECT data ->> 'Delivery' FROM orders.mt_events WHERE stream_id = @id AND type = 'order_placed'",
            ("id", victimsOrder));
        var thief = new Customer(app);
        var thiefsOrder = await thief.Order(sku, paymentMethod: null);

        var cancelled = await thief.Api.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = thiefsOrder, reason = stolen });
        var events = await thief.Api.Get($"/api/v1/events/{thiefsOrder}");

        Assert.Equal(HttpStatusCode.Accepted, cancelled.Status);
        Assert.StartsWith("pd1:", stolen, StringComparison.Ordinal);
        var reason = events.Body.GetProperty("events").EnumerateArray().Single(e => e.Str("event_type") == "OrderCancelled").GetProperty("data").Str("reason");
        Assert.Equal(stolen, reason);
        Assert.DoesNotContain(victim.Email, events.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task a_new_customers_first_orders_at_once_share_one_key()
    {
        var customer = new Customer(app);
        var sku = await catalog.Listed(stock: 10);

        var orders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => customer.Order(sku)));

        foreach (var orderId in orders)
            Assert.Equal("present", (await customer.Api.Get($"/api/v1/query/order-details/{orderId}")).Body.Str("personal_data"));
        // One key was made, not one per order: the first generation is the one every order is sealed with.
        Assert.Equal(1L, await Sql.Scalar<long>(app, "SELECT (data ->> 'Generation')::bigint FROM orders.mt_doc_storedcustomerkey WHERE id = @id", ("id", customer.User)));
    }

    [Fact]
    public async Task forgetting_twice_or_a_customer_without_orders_is_recorded_each_time()
    {
        var customer = new Customer(app);

        await customer.Forget();
        await customer.Forget();

        var audit = await api.As(Caller.Admin).Get($"/api/v1/events/customer-{customer.User}");
        Assert.Equal(2, audit.Body.GetProperty("events").GetArrayLength());
    }

    static void AssertErased(JsonElement details)
    {
        Assert.Equal("erased", details.Str("personal_data"));
        Assert.Equal(JsonValueKind.Null, details.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, details.GetProperty("shipping_address").ValueKind);
    }

    async Task<JsonElement> OrderPlacedInEventsApi(string orderId) =>
        (await api.As(Caller.Admin).Get($"/api/v1/events/{orderId}?module=orders")).Body.GetProperty("events").EnumerateArray()
            .Single(e => e.Str("event_type") == "OrderPlaced");

    static string ClientAddress(JsonElement e) => e.GetProperty("metadata").GetProperty("headers").Str("client-address");

    // From just before the order's first event, so the feed starts there.
    async Task<JsonElement> OrderPlacedInLiveStream(string orderId)
    {
        var sequence = (await OrderPlacedInEventsApi(orderId)).GetProperty("metadata").Number("sequence");
        return (await LiveFeed.First(app, "/api/v1/events/stream?modules=orders&types=OrderPlaced", e => e.Str("stream") == orderId,
            $"orders:{sequence - 1},inventory:0,payments:0")).Event;
    }
}
