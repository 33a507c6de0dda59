using System.Net;
using System.Text.Json;

namespace Commerce.IntegrationTests.Infrastructure;

/// The customer's side of a checkout: place an order, pay it, watch it end. Orders are placed as the
/// shop's customer (one per shop, so one per test) unless a test names another.
public sealed class Shop(IAppUnderTest app)
{
    readonly Api api = new(app);

    public string User { get; } = Api.NewId("user");

    /// The shop's customer: pays for and cancels its orders, reads them.
    public Api Customer => api.AsCustomer(User);

    public async Task<string> Order(string sku, int quantity, string? paymentMethod = "tok_visa", string? user = null)
    {
        var placed = await api.AsCustomer(user ?? User).Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = user ?? User,
            items = new[] { new { product_id = sku, quantity } }, payment_method = paymentMethod,
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        Assert.Equal(HttpStatusCode.Accepted, placed.Status);
        return placed.Body.Str("aggregate_id");
    }

    public async Task<JsonElement> CheckoutEndsIn(string orderId, string state, TimeSpan? deadline = null)
    {
        var reply = await Poll.Until(() => api.Get($"/api/v1/query/checkouts/{orderId}"),
            r => r.Status == HttpStatusCode.OK && r.Body.Str("state") == state, deadline ?? TimeSpan.FromSeconds(45),
            $"checkout of {orderId} to be {state}");
        return reply.Body;
    }

    public async Task<JsonElement> Product(string sku)
    {
        var products = await api.Get("/api/v1/query/products");
        return products.Body.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == sku);
    }

    public Task<JsonElement> ProductSettles(string sku, Func<JsonElement, bool> settled, string what) =>
        Poll.Until(() => Product(sku), settled, TimeSpan.FromSeconds(30), what);
}
