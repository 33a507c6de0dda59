using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

[Collection(Outages.Name)]
public sealed class BrokerOutageTests(AppFixture app)
{
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task orders_taken_while_rabbitmq_is_down_all_finish_once_when_it_is_back()
    {
        var sku = await catalog.Listed(price: 4m, stock: FaultScale.Orders(30));
        var tokens = new[] { "tok_visa", "tok_visa", "tok_chargeDeclined" };
        string[] orders;
        await Broker.Stop();
        try
        {
            // Every create-order is accepted: its events are in PostgreSQL, the relay publishes them later.
            orders = await Task.WhenAll(Enumerable.Range(0, FaultScale.Orders(9)).Select(i => shop.Order(sku, 1 + i % 2, tokens[i % tokens.Length])));
            var ready = await new Api(app).Get("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.Status);
        }
        finally
        {
            await Broker.Start();
        }

        var ledger = new CheckoutLedger(app);
        for (var i = 0; i < orders.Length; i++)
        {
            var end = tokens[i % tokens.Length] == "tok_visa" ? "confirmed" : "cancelled";
            await shop.CheckoutEndsIn(orders[i], end, FaultScale.Deadline(TimeSpan.FromSeconds(120)));
            await ledger.EndedOnce(orders[i], end);
        }
        await Invariants.AssertHold(app, orders, [sku]);
        Assert.All(await new Queues(app).InErrorQueues(), q => Assert.True(q.Value == 0, $"{q.Value} messages in {q.Key}"));
    }
}
