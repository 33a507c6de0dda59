using System.Collections.Concurrent;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Payments.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Payments;

[Collection(AppHost.Name)]
public sealed class PaymentsRelayTests(AppFixture app)
{
    readonly PaymentsCheckout checkout = new(app);

    [Fact]
    public async Task charges_declines_and_refunds_reach_a_subscriber_over_rabbitmq()
    {
        var (charged, declined) = (Api.NewId("order"), Api.NewId("order"));
        var received = new ConcurrentQueue<object>();
        var bus = app.Host.Services.GetRequiredService<IBus>();
        var subscriber = bus.ConnectReceiveEndpoint($"payments-tests-{Guid.NewGuid():N}", e =>
        {
            e.Handler<PaymentChargedIntegrationEvent>(c => Receive(c.Message));
            e.Handler<PaymentDeclinedIntegrationEvent>(c => Receive(c.Message));
            e.Handler<PaymentRefundedIntegrationEvent>(c => Receive(c.Message));
        });
        await subscriber.Ready;
        try
        {
            await checkout.Charge(charged, PaymentMethods.Visa, 12.00m);
            await checkout.Charge(declined, PaymentMethods.InsufficientFunds);
            await checkout.Settled(charged, PaymentEventTypes.Charged);
            await checkout.Refund(charged, "Order cancelled.");

            var mine = await Poll.Until(() => Task.FromResult(received.Where(Mine).ToList()), m => m.Count == 3, what: "three integration events");

            var charge = Assert.Single(mine.OfType<PaymentChargedIntegrationEvent>());
            Assert.Equal((charged, 12.00m, "EUR", $"sim_{charged}"), (charge.OrderId, charge.Amount, charge.Currency, charge.GatewayReference));
            var decline = Assert.Single(mine.OfType<PaymentDeclinedIntegrationEvent>());
            Assert.Equal((declined, "Insufficient funds."), (decline.OrderId, decline.Reason));
            var refund = Assert.Single(mine.OfType<PaymentRefundedIntegrationEvent>());
            Assert.Equal((charged, 12.00m, "Order cancelled."), (refund.OrderId, refund.Amount, refund.Reason));
        }
        finally
        {
            await subscriber.StopAsync();
        }

        Task Receive(object message)
        {
            received.Enqueue(message);
            return Task.CompletedTask;
        }

        bool Mine(object message) => message switch
        {
            PaymentChargedIntegrationEvent m => m.OrderId == charged,
            PaymentDeclinedIntegrationEvent m => m.OrderId == declined,
            PaymentRefundedIntegrationEvent m => m.OrderId == charged,
            _ => false,
        };
    }
}
