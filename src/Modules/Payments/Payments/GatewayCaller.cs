using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Commands;
using Commerce.Payments.Contracts;
using Microsoft.Extensions.Logging;

namespace Commerce.Payments;

// Makes one claimed gateway call and records its answer on the payment, with the removal of the call
// (or its successor, a refund) in the same transaction.
public sealed partial class GatewayCaller(
    IPaymentsStore store, SimulatedPaymentGateway gateway, GatewayOptions options, TimeProvider time, ILogger<GatewayCaller> logger)
{
    const int MaxRecordAttempts = 5;

    public async Task Make(PendingGatewayCall call, CancellationToken stopping)
    {
        Payment? payment;
        await using (var query = store.QuerySession())
        {
            payment = await query.Events.AggregateStreamAsync<Payment>(call.Id, token: stopping);
        }
        // The payment decides whether the call is still wanted; a stale call is only tidied away.
        var decide = payment?.DueCall == call.Kind ? await Call(call.Kind, payment!, stopping) : (_, _) => [];
        await Record(call, decide);
    }

    // Makes the call and returns how to record its answer on the payment as it is when recorded.
    async Task<Func<Payment, DateTimeOffset, IReadOnlyList<object>>> Call(GatewayCallKind kind, Payment payment, CancellationToken stopping)
    {
        using var deadline = new CancellationTokenSource(options.CallTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        if (kind is GatewayCallKind.Refund)
        {
            // A refund is never given up: a timeout or refusal is thrown and retried with backoff.
            var refund = await gateway.Refund(payment.Id, payment.Amount, payment.Currency, cancel.Token);
            return refund.Succeeded
                ? (p, now) => PaymentDecisions.Refund(p, p.RefundReason ?? "Refund requested.", now)
                : throw new InvalidOperationException($"The gateway refused to refund order '{payment.Id}': {refund.DeclineReason}");
        }

        GatewayOutcome? outcome;
        try
        {
            outcome = await gateway.Charge(payment.Id, payment.Amount, payment.Currency, payment.PaymentMethod, cancel.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            outcome = null;
        }
        catch (ArgumentException e) when (!PaymentMethods.IsKnown(payment.PaymentMethod))
        {
            // The gateway's answer to a token it does not know; the checkout needs a decline to compensate.
            outcome = GatewayOutcome.Declined(e.Message);
        }
        if (outcome is null) LogChargeTimedOut(logger, payment.Id, options.CallTimeout);
        return outcome is null
            ? (p, now) => PaymentDecisions.RecordGatewayTimeout(p, options.CallTimeout, now)
            : (p, now) => PaymentDecisions.RecordGatewayOutcome(p, outcome, now);
    }

    // Recorded even while the host stops: the gateway has already acted, and a lost answer would mean
    // a repeat call.
    async Task Record(PendingGatewayCall call, Func<Payment, DateTimeOffset, IReadOnlyList<object>> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = call.CorrelationId;
            EventMetadata.Stamp(session, call.UserName);
            // Locked for the same reason as RefundPaymentHandler: waiting beats a commit that fails.
            var stream = await session.Events.FetchForExclusiveWriting<Payment>(call.Id);
            var stored = await session.LoadAsync<PendingGatewayCall>(call.Id);
            var now = time.GetUtcNow();
            var events = stream.Aggregate is { } payment ? decide(payment, now) : [];
            stream.AppendMany(events);
            PendingGatewayCall.Reconcile(session, stored, Payment.Fold(stream.Aggregate, events), now);
            try
            {
                await session.SaveChangesAsync();
                return;
            }
            catch (Exception e) when (attempt < MaxRecordAttempts && Conflicts.IsConflict(e))
            {
                // Another host finished this call first (its lease ran out): decide again on what it wrote.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway charge for order {OrderId} got no answer within {Timeout}; its outcome is unknown")]
    static partial void LogChargeTimedOut(ILogger logger, string orderId, TimeSpan timeout);
}
