using System.Net;
using Alba;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.Telemetry;

namespace Commerce.IntegrationTests.Privacy;

/// Logs never hold personal fields: not when an order is placed, not when create-order fails (Wolverine
/// logs a failed command with its ToString), not when it is refused as invalid, not on an erasure.
[Collection(Traced.Name)]
public sealed class RedactionTests(TracedApp app)
{
    [Fact]
    public async Task no_log_line_holds_a_customers_email_street_or_address()
    {
        var customer = new Customer(app);
        var sku = await new Catalog(app).Listed(stock: 5);
        var orderId = await customer.Order(sku);
        await new Shop(app).CheckoutEndsIn(orderId, "confirmed");
        var unknownProduct = await Place(customer, Api.NewId("sku"), "22201");
        var badPostalCode = await Place(customer, sku, "22201!");
        await customer.Forget();

        Assert.Equal(HttpStatusCode.NotFound, unknownProduct);
        Assert.Equal(HttpStatusCode.BadRequest, badPostalCode);
        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Message.Contains("CreateOrder", StringComparison.Ordinal) && l.Exception is not null);
        foreach (var personal in new[] { customer.Email, customer.Street, customer.AddressText })
        {
            Assert.DoesNotContain(lines, l => $"{l.Message} {l.Exception} {string.Join(" ", l.Scope.Values)}".Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }

    async Task<HttpStatusCode> Place(Customer customer, string sku, string postalCode)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                command_id = Api.NewId("cmd"), items = new[] { new { product_id = sku, quantity = 1 } }, email = customer.Email,
                shipping_address = new { name = "Grace Hopper", line1 = customer.Street, city = "Arlington", postal_code = postalCode, country = "US" },
            }).ToUrl("/api/v1/commands/create-order");
            s.WithRequestHeader("Authorization", $"Bearer {Caller.Customer(customer.User).Bearer()}");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = customer.Address);
            s.IgnoreStatusCode();
        });
        return (HttpStatusCode)result.Context.Response.StatusCode;
    }
}
