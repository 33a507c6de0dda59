using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Payments.Contracts;
using Marten;
using MassTransit;
using Wolverine;

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
    public static async Task Handle(RefundPayment command, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        // Locked rather than optimistic: a refund racing its duplicate or the GatewayWorker waits here
        // instead of failing at commit, and a failed commit would leave a gap in the event sequence
        // that holds up Payments' relay (and so the checkout) until the async daemon gives up on it.
        var stream = await session.Events.FetchForExclusiveWriting<Payment>(command.OrderId, ct);
        if (stream.Aggregate is not { } payment) return;
        var now = clock.GetUtcNow();
        var events = PaymentDecisions.RequestRefund(payment, command.Reason, now);
        if (events.Count == 0) return;

        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        stream.AppendMany(events);
        var stored = await session.LoadAsync<PendingGatewayCall>(command.OrderId, ct);
        PendingGatewayCall.Reconcile(session, stored, Payment.Fold(payment, events), now);
    }
}
