using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Payments.Contracts;
using JasperFx.Events;
using Marten;
using MassTransit;
using Wolverine.Marten;

namespace Commerce.Payments;

public sealed class ChargePaymentConsumer : IConsumer<ChargePayment>
{
    public Task Consume(ConsumeContext<ChargePayment> context) => Inbound.Handle(context, context.Message);
}

public static class ChargePaymentHandler
{
    // Only records the request and the call to make, in one transaction; the GatewayWorker calls the
    // gateway. A repeat decides nothing, so it neither adds a call nor charges twice; but it is the
    // checkout saying it waited too long, so a charge still waiting (under the lease of a host that may
    // have died, or for its next retry) falls due at once. Calling twice is harmless: the gateway
    // answers an order the same way, and the second outcome recorded changes nothing.
    public static async Task Handle(ChargePayment command,
        [WriteAggregate(nameof(ChargePayment.OrderId), Required = false)] IEventStream<Payment> stream,
        IDocumentSession session, CommandScope scope, CancellationToken ct)
    {
        var events = PaymentDecisions.Decide(stream.Aggregate, command, scope.Now);
        scope.Accept(stream, events);
        await PendingGatewayCall.Reconcile(session, stream, scope.Now, ct, chargeDueNow: events.Count == 0);
    }
}
