using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Payments.Contracts;
using JasperFx.Events;
using Marten;
using MassTransit;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Commerce.Payments;

public sealed class RefundPaymentConsumer : IConsumer<RefundPayment>
{
    public Task Consume(ConsumeContext<RefundPayment> context) => Inbound.Handle(context, context.Message);
}

public static class RefundPaymentHandler
{
    // A charged payment gets a refund call for the GatewayWorker; one whose charge is still at the
    // gateway keeps its charge call and is refunded right after a success. An order never charged
    // (no payment, declined, refunded) changes nothing, and neither does a repeat.
    // Locked rather than optimistic: a refund racing its duplicate or the GatewayWorker waits here
    // instead of failing at commit, and a failed commit would leave a gap in the event sequence that
    // holds up Payments' relay (and so the checkout) until the async daemon gives up on it.
    public static async Task Handle(RefundPayment command,
        [WriteAggregate(nameof(RefundPayment.OrderId), Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Payment> stream,
        IDocumentSession session, CommandScope scope, CancellationToken ct)
    {
        scope.Accept(stream, PaymentDecisions.Decide(stream.Aggregate, command, scope.Now));
        await PendingGatewayCall.Reconcile(session, stream, scope.Now, ct);
    }
}
