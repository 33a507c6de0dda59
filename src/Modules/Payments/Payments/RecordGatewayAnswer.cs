using Commerce.BuildingBlocks.Commands;
using JasperFx.Events;
using Marten;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Commerce.Payments;

/// What the gateway answered one call, sent in-process by the GatewayCaller: an outcome, no answer in
/// time (NoAnswerAfter), or neither when the call was no longer wanted and is only tidied away.
public sealed record RecordGatewayAnswer(string OrderId, GatewayCallKind Call, GatewayOutcome? Outcome = null, TimeSpan? NoAnswerAfter = null);

public static class RecordGatewayAnswerHandler
{
    // Locked for the same reason as RefundPaymentHandler: waiting beats a commit that fails. A call
    // another host finished first (its lease ran out) conflicts, and the retry decides on what it wrote.
    public static async Task Handle(RecordGatewayAnswer answer,
        [WriteAggregate(nameof(RecordGatewayAnswer.OrderId), Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Payment> stream,
        IDocumentSession session, CommandScope scope, CancellationToken ct)
    {
        scope.Accept(stream, PaymentDecisions.Decide(stream.Aggregate, answer, scope.Now));
        await PendingGatewayCall.Reconcile(session, stream, scope.Now, ct);
    }
}
