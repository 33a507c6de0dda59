using System.Net;
using Alba;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Privacy;

/// A customer whose personal data is all their own: an email, a street and an IP address no other test
/// uses, so a search for them finds only what this customer's requests wrote.
public sealed class Customer(AppFixture app)
{
    public string User { get; } = Api.NewId("user");

    public string Email { get; } = $"{Guid.NewGuid():N}@erase.example.test";

    public string Street { get; } = $"{Guid.NewGuid():N} Privacy Street";

    public IPAddress Address { get; } = IPAddress.Parse($"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}");

    public string AddressText => Address.ToString();

    public object ShippingAddress => new { name = "Grace Hopper", line1 = Street, line2 = "Flat 2", city = "Arlington", postal_code = "22201", country = "US" };

    public Api Api => new Api(app).AsCustomer(User);

    /// create-order as this customer, from their address.
    public async Task<string> Order(string sku, string? paymentMethod = "tok_visa")
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                command_id = Api.NewId("cmd"), items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = paymentMethod,
                email = Email, shipping_address = ShippingAddress,
            }).ToUrl("/api/v1/commands/create-order");
            s.WithRequestHeader("Authorization", $"Bearer {Caller.Customer(User).Bearer()}");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = Address);
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        return (await Reply.From(result)).Body.Str("aggregate_id");
    }

    /// The admin's forget-customer.
    public async Task<Reply> Forget()
    {
        var reply = await new Api(app).As(Caller.Admin).Post("/api/v1/commands/forget-customer", new { command_id = Api.NewId("cmd"), user_id = User });
        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        return reply;
    }
}
