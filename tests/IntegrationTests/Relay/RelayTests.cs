using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Relay;

[Collection(AppHost.Name)]
public sealed class RelayTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);

    [Fact]
    public async Task an_event_committed_while_rabbitmq_is_down_is_published_when_it_is_back()
    {
        var sku = Api.NewId("sku");
        await Broker.Stop();
        try
        {
            var listed = await api.Post("/api/v1/commands/add-product",
                new { command_id = Api.NewId("cmd"), product_id = sku, name = "Outage mug", price = 3.50m, currency = "EUR" });
            Assert.Equal(HttpStatusCode.Accepted, listed.Status);
            var health = await Poll.Until(() => api.Get("/health/ready"), r => r.Body.Str("status") == "Degraded",
                TimeSpan.FromSeconds(60), "readiness to report RabbitMQ down");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            Assert.Equal("Healthy", health.Body.GetProperty("checks").GetProperty("postgres").Str("status"));
            Assert.Null(await catalog.OrdersCatalogPrice(sku));
        }
        finally
        {
            await Broker.Start();
        }

        await catalog.InOrdersCatalog(sku, 3.50m, TimeSpan.FromSeconds(120));
    }
}
