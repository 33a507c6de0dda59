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
    // gateway. A repeat decides nothing, so it neither adds a call nor charges twice; but it is the
    // checkout saying it waited too long, so a charge still waiting (under the lease of a host that may
    // have died, or for its next retry) falls due at once. Calling twice is harmless: the gateway
    // answers an order the same way, and the second outcome recorded changes nothing.
    public static async Task Handle(ChargePayment command, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Payment>(command.OrderId, ct);
        var now = clock.GetUtcNow();
        var events = PaymentDecisions.Request(stream.Aggregate, command.OrderId, command.Amount, command.Currency, command.PaymentMethod, now);
        var stored = await session.LoadAsync<PendingGatewayCall>(command.OrderId, ct);
        if (events.Count == 0)
        {
            if (stored is { Kind: GatewayCallKind.Charge } waiting && waiting.DueAt > now) session.Store(waiting with { DueAt = now });
            return;
        }

        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        stream.AppendMany(events);
        PendingGatewayCall.Reconcile(session, stored, Payment.Fold(stream.Aggregate, events), now);
    }
}
