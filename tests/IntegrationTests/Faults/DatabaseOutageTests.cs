using System.Diagnostics;
using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Orders.Checkout;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Faults;

[Collection(Outages.Name)]
public sealed class DatabaseOutageTests(AppFixture app)
{
    // Longer than any endpoint's own retries last (about 9 s), so only waiting out the outage saves
    // the messages in flight from the error queues.
    static readonly TimeSpan Outage = FaultScale.Outage(TimeSpan.FromSeconds(15));

    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task while_postgres_is_down_requests_answer_503_and_afterwards_everything_works_without_a_restart()
    {
        var sku = await catalog.Listed(price: 5m, stock: FaultScale.Orders(20));
        var user = Api.NewId("user");
        // Checkouts in flight when the database goes: their messages meet the outage in every module.
        var inFlight = await Task.WhenAll(Enumerable.Range(0, FaultScale.Orders(4)).Select(_ => shop.Order(sku, 1, "tok_visa", user)));

        await Database.Stop();
        var clock = Stopwatch.StartNew();
        try
        {
            await MessagesMeetTheOutage(inFlight);
            var command = await api.AsCustomer(user).Post("/api/v1/commands/create-order", new
            {
                command_id = Api.NewId("cmd"), user_id = user, items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
                email = Recipient.Email, shipping_address = Recipient.Address,
            });
            var commandTook = clock.Elapsed;
            var query = await api.Get($"/api/v1/query/order-details/{inFlight[0]}");
            var ready = await Poll.Until(() => api.Get("/health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "readiness to report PostgreSQL down");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, command.Status);
            Assert.Equal("application/problem+json", command.Headers["Content-Type"].Split(';')[0]);
            Assert.Equal("The database is unavailable.", command.Body.Str("title"));
            Assert.True(commandTook < TimeSpan.FromSeconds(30), $"the command took {commandTook}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, query.Status);
            Assert.Equal("Unhealthy", ready.Body.GetProperty("checks").GetProperty("postgres").Str("status"));
            if (clock.Elapsed < Outage) await Task.Delay(Outage - clock.Elapsed);
        }
        finally
        {
            await Database.Start();
        }

        var after = await Poll.Until(() => api.AsCustomer(user).Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = user, items = new[] { new { product_id = sku, quantity = 2 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        }), r => r.Status == HttpStatusCode.Accepted, TimeSpan.FromSeconds(60), "commands to work again");
        var orders = inFlight.Append(after.Body.Str("aggregate_id")).ToList();
        var ledger = new CheckoutLedger(app);
        foreach (var order in orders)
        {
            await shop.CheckoutEndsIn(order, "confirmed", FaultScale.Deadline(TimeSpan.FromSeconds(120)));
            await ledger.EndedOnce(order, "confirmed");
        }
        await Poll.Until(() => api.Get("/health/ready"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "readiness to recover");
        await Poll.Until(() => api.Get($"/api/v1/query/orders/{user}"), r => r.Status == HttpStatusCode.OK && r.Body.Number("total_count") == orders.Count,
            TimeSpan.FromSeconds(60), "the async projections to catch up");
        await Invariants.AssertHold(app, orders, [sku]);
        Assert.All(await new Queues(app).InErrorQueues(), q => Assert.True(q.Value == 0, $"{q.Value} messages stranded in {q.Key}"));
    }

    // Certain to reach the checkout saga while PostgreSQL is down, whatever the timing of the checkouts in
    // flight: a stale deadline (the saga's retries once faulted such messages into its error queue).
    // It must wait out the outage and change nothing.
    async Task MessagesMeetTheOutage(string[] inFlight)
    {
        var bus = app.Host.Services.GetRequiredService<IBus>();
        await bus.Publish(new CheckoutDeadlinePassed(inFlight[0], "stale", 99, DateTimeOffset.UtcNow));
    }
}
