using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Payments.Contracts;
using Marten;
using MassTransit;
using Wolverine;

namespace Commerce.Payments;

public sealed class ChargePaymentConsumer : IConsumer<ChargePayment>
{
    public Task Consume(ConsumeContext<ChargePayment> context) => Inbound.Handle(context, context.Message);
}

public static class ChargePaymentHandler
{
    // Only records the request and the call to make, in one transaction; the GatewayWorker calls the
    // gateway. A repeat decides nothing, so it neither adds a call nor charges twice.
    public static async Task Handle(ChargePayment command, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Payment>(command.OrderId, ct);
        var now = clock.GetUtcNow();
        var events = PaymentDecisions.Request(stream.Aggregate, command.OrderId, command.Amount, command.Currency, command.PaymentMethod, now);
        if (events.Count == 0) return;

        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        stream.AppendMany(events);
        var stored = await session.LoadAsync<PendingGatewayCall>(command.OrderId, ct);
        PendingGatewayCall.Reconcile(session, stored, Payment.Fold(stream.Aggregate, events), now);
    }
}
