using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Checkout;

[Collection(AppHost.Name)]
public sealed class CheckoutTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly EventLog events = new(app);

    [Fact]
    public async Task paid_order_is_confirmed_with_stock_committed_and_payment_charged()
    {
        var sku = await catalog.Listed(price: 10m, stock: 5);

        var orderId = await shop.Order(sku, 2, "tok_visa");

        var checkout = await shop.CheckoutEndsIn(orderId, "confirmed");
        Assert.Null(checkout.GetProperty("failure_reason").GetString());
        var product = await shop.ProductSettles(sku, p => p.Number("sold") == 2, "stock committed");
        Assert.Equal(3L, product.Number("on_hand"));
        Assert.Equal(0L, product.Number("reserved"));
        Assert.Contains("payment_charged", await events.Eventually("payments", orderId, t => t.Contains("payment_charged"), "charge"));
        var orderEvents = await events.Eventually("orders", orderId, t => t.Contains("order_confirmed"), "confirmation");
        Assert.Contains("checkout_stock_reserved", orderEvents);
    }

    [Fact]
    public async Task order_for_more_than_the_stock_is_cancelled_naming_the_product_and_nothing_is_charged()
    {
        var sku = await catalog.Listed(stock: 1);

        var orderId = await shop.Order(sku, 3, "tok_visa");

        var checkout = await shop.CheckoutEndsIn(orderId, "cancelled");
        Assert.Contains(sku, checkout.GetProperty("failure_reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await events.Types("payments", orderId));
        var product = await shop.Product(sku);
        Assert.Equal(0L, product.Number("reserved"));
        Assert.Contains("order_cancelled", await events.Eventually("orders", orderId, t => t.Contains("order_cancelled"), "cancellation"));
    }

    [Theory]
    [InlineData("tok_chargeDeclined", "Your card was declined.")]
    [InlineData("tok_insufficientFunds", "Insufficient funds.")]
    [InlineData("tok_timeout", "The payment gateway did not answer in time.")]
    public async Task failed_payment_releases_the_stock_and_cancels_with_the_reason(string token, string reason)
    {
        var sku = await catalog.Listed(stock: 4);

        var orderId = await shop.Order(sku, 2, token);

        var checkout = await shop.CheckoutEndsIn(orderId, "cancelled");
        Assert.Equal(reason, checkout.GetProperty("failure_reason").GetString());
        var product = await shop.ProductSettles(sku, p => p.Number("reserved") == 0, "stock released");
        Assert.Equal(4L, product.Number("available"));
        Assert.Equal(0L, product.Number("sold"));
    }

    [Fact]
    public async Task a_charge_that_succeeds_after_cancellation_is_refunded()
    {
        var sku = await catalog.Listed(stock: 2);

        var orderId = await shop.Order(sku, 1, "tok_slow");

        await shop.CheckoutEndsIn(orderId, "cancelled");
        var payments = await events.Eventually("payments", orderId, t => t.Contains("payment_refunded"), "refund of the late charge");
        Assert.Contains("payment_charged", payments);
        await shop.ProductSettles(sku, p => p.Number("reserved") == 0 && p.Number("sold") == 0, "stock released");
    }

    [Fact]
    public async Task order_without_payment_waits_then_is_confirmed_when_paid()
    {
        var sku = await catalog.Listed(price: 7m, stock: 3);
        var orderId = await shop.Order(sku, 1, paymentMethod: null);
        await shop.CheckoutEndsIn(orderId, "awaiting_payment");

        var pay = await shop.Customer.Post("/api/v1/commands/process-payment", new { command_id = Api.NewId("cmd"), order_id = orderId, payment_method = "tok_visa", amount = 7m });

        Assert.Equal(HttpStatusCode.Accepted, pay.Status);
        await shop.CheckoutEndsIn(orderId, "confirmed");
    }

    [Fact]
    public async Task order_never_paid_is_cancelled_and_its_stock_released()
    {
        var sku = await catalog.Listed(stock: 3);

        var orderId = await shop.Order(sku, 2, paymentMethod: null);

        var checkout = await shop.CheckoutEndsIn(orderId, "cancelled");
        Assert.Equal("Payment was not received in time.", checkout.GetProperty("failure_reason").GetString());
        await shop.ProductSettles(sku, p => p.Number("reserved") == 0 && p.Number("available") == 3, "stock released");
    }

    [Fact]
    public async Task customer_cancellation_before_confirmation_releases_the_stock()
    {
        var sku = await catalog.Listed(stock: 3);
        var orderId = await shop.Order(sku, 2, paymentMethod: null);
        await shop.CheckoutEndsIn(orderId, "awaiting_payment");

        var cancel = await shop.Customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = "changed my mind" });

        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        var checkout = await shop.CheckoutEndsIn(orderId, "cancelled");
        Assert.Equal("changed my mind", checkout.GetProperty("failure_reason").GetString());
        await shop.ProductSettles(sku, p => p.Number("reserved") == 0 && p.Number("available") == 3, "stock released");
    }

    [Fact]
    public async Task two_orders_racing_for_the_last_unit_confirm_exactly_one()
    {
        var sku = await catalog.Listed(stock: 1);

        var orders = await Task.WhenAll(shop.Order(sku, 1), shop.Order(sku, 1));

        var ends = new List<string>();
        foreach (var orderId in orders)
        {
            var end = await Poll.Until(() => api.Get($"/api/v1/query/checkouts/{orderId}"),
                r => r.Status == HttpStatusCode.OK && r.Body.Str("state") is "confirmed" or "cancelled", TimeSpan.FromSeconds(45));
            ends.Add(end.Body.Str("state"));
        }
        Assert.Equal(1, ends.Count(s => s == "confirmed"));
        var product = await shop.ProductSettles(sku, p => p.Number("sold") == 1, "the one unit sold");
        Assert.Equal(0L, product.Number("on_hand"));
        Assert.Equal(0L, product.Number("reserved"));
    }

    [Fact]
    public async Task the_request_correlation_id_reaches_every_module_event_of_the_checkout()
    {
        var (orderId, correlation) = await PlacedWithCorrelation("tok_visa");

        await shop.CheckoutEndsIn(orderId, "confirmed");

        Assert.Equal([correlation], await CorrelationIds("payments", orderId));
        Assert.Equal([correlation], await CorrelationIds("inventory", $"reservation-{orderId}"));
        Assert.Equal([correlation], await CorrelationIds("orders", orderId));
    }

    // The payment step times out (tok_slow answers after the payment deadline and its resend): what the
    // deadline causes, the order's cancellation and the stock's release, still carries the request's id.
    [Fact]
    public async Task the_request_correlation_id_reaches_what_a_deadline_causes()
    {
        var (orderId, correlation) = await PlacedWithCorrelation("tok_slow");

        await shop.CheckoutEndsIn(orderId, "cancelled");
        await new EventLog(app).Eventually("inventory", $"reservation-{orderId}", t => t.Contains("order_stock_released"), "the release");

        Assert.Equal([correlation], await CorrelationIds("orders", orderId));
        Assert.Equal([correlation], await CorrelationIds("inventory", $"reservation-{orderId}"));
    }

    // One unit, ordered by card with a correlation id of the test's own.
    async Task<(string OrderId, string Correlation)> PlacedWithCorrelation(string paymentMethod)
    {
        var sku = await catalog.Listed(stock: 2);
        var correlation = Api.NewId("corr");
        var placed = await api.AsCustomer("alice").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "alice", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = paymentMethod,
            email = Recipient.Email, shipping_address = Recipient.Address,
        }, ("X-Correlation-Id", correlation));
        return (placed.Body.Str("aggregate_id"), correlation);
    }

    async Task<IReadOnlyList<string>> CorrelationIds(string schema, string stream)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT DISTINCT coalesce(correlation_id, '(none)') FROM {schema}.mt_events WHERE stream_id = @id", connection);
        command.Parameters.AddWithValue("id", stream);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
