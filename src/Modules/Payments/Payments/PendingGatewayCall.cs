using Commerce.BuildingBlocks.Telemetry;
using System.Text.Json.Serialization;
using Commerce.BuildingBlocks.Commands;
using JasperFx.Events;
using Marten;
using Marten.Schema;

namespace Commerce.Payments;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayCallKind>))]
public enum GatewayCallKind
{
    Charge,
    Refund,
}

// A gateway call still to make, committed in the transaction that asks for it, so none is lost and no
// broker message waits on the gateway. At most one per payment (the id is the order id). DueAt is when
// the next attempt may start: a claim moves it to the end of the claimer's lease, so a call whose host
// died falls due again by itself, and two hosts claiming at once collide on the document's version.
[UseOptimisticConcurrency]
public sealed record PendingGatewayCall(string Id, GatewayCallKind Kind, DateTimeOffset DueAt, int Attempts, string? CorrelationId, string? UserName,
    string? TraceParent = null)
{
    // Makes the stored call match what the payment still needs (Payment.DueCall, on the payment as the
    // session will commit it), in the session that appends the events that changed it. A call of the
    // right kind is left alone (it may be in flight), unless a repeated charge asks for it at once.
    public static async Task Reconcile(IDocumentSession session, IEventStream<Payment> payment, DateTimeOffset now, CancellationToken ct,
        bool chargeDueNow = false)
    {
        var stored = await session.LoadAsync<PendingGatewayCall>(payment.Key!, ct);
        var due = (await payment.Folded(session, ct))?.DueCall;
        if (due is null)
        {
            if (stored is not null) session.Delete(stored);
        }
        else if (stored is null)
        {
            session.Insert(new PendingGatewayCall(payment.Key!, due.Value, now, 0, session.CorrelationId, session.LastModifiedBy, Tracing.Current));
        }
        else if (stored.Kind != due)
        {
            // Stored over the loaded version: fails if a worker changed it meanwhile, and is retried.
            session.Store(stored with { Kind = due.Value, DueAt = now, Attempts = 0 });
        }
        else if (chargeDueNow && stored is { Kind: GatewayCallKind.Charge } && stored.DueAt > now)
        {
            session.Store(stored with { DueAt = now });
        }
    }
}
