using System.Diagnostics;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Telemetry;
using Commerce.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Commerce.Payments;

// Makes one claimed gateway call and records its answer on the payment as a command on the bus
// (RecordGatewayAnswer), which also removes the call (or turns it into its successor, a refund) in the
// same transaction.
public sealed partial class GatewayCaller(
    IPaymentsStore store, SimulatedPaymentGateway gateway, GatewayOptions options, TimeProvider time, IServiceScopeFactory scopes,
    ILogger<GatewayCaller> logger)
{
    public async Task Make(PendingGatewayCall call, CancellationToken stopping)
    {
        Payment? payment;
        await using (var query = store.QuerySession())
        {
            payment = await query.Events.AggregateStreamAsync<Payment>(call.Id, token: stopping);
        }
        // The payment decides whether the call is still wanted; a stale call is only tidied away.
        var answer = payment?.DueCall == call.Kind ? await Call(call.Kind, payment!, stopping) : new RecordGatewayAnswer(call.Id, call.Kind);
        await Record(call, answer);
    }

    async Task<RecordGatewayAnswer> Call(GatewayCallKind kind, Payment payment, CancellationToken stopping)
    {
        using var deadline = new CancellationTokenSource(options.CallTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        if (kind is GatewayCallKind.Refund)
        {
            // A refund is never given up: a timeout or refusal is thrown and retried with backoff.
            var refund = (await Measured("refund", async () => await gateway.Refund(payment.Id, payment.Amount, payment.Currency, cancel.Token)))!;
            return refund.Succeeded
                ? new RecordGatewayAnswer(payment.Id, kind, refund)
                : throw new InvalidOperationException($"The gateway refused to refund order '{payment.Id}': {refund.DeclineReason}");
        }

        GatewayOutcome? outcome;
        try
        {
            outcome = await Measured("charge", () => gateway.Charge(payment.Id, payment.Amount, payment.Currency, payment.PaymentMethod, cancel.Token));
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
        if (outcome is not null) return new RecordGatewayAnswer(payment.Id, kind, outcome);
        LogChargeTimedOut(logger, payment.Id, options.CallTimeout);
        return new RecordGatewayAnswer(payment.Id, kind, NoAnswerAfter: options.CallTimeout);
    }

    static async Task<GatewayOutcome?> Measured(string operation, Func<Task<GatewayOutcome?>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var answer = await call();
            outcome = answer is null ? "no_answer" : answer.Succeeded ? "approved" : operation == "refund" ? "refused" : "declined";
            return answer;
        }
        catch (OperationCanceledException)
        {
            outcome = "timeout";
            throw;
        }
        finally
        {
            var tags = CommerceMetrics.Tags(("operation", operation), ("outcome", outcome));
            CommerceMetrics.GatewayCalls.Add(1, tags);
            CommerceMetrics.GatewayCallDuration.Record(CommerceMetrics.SecondsSince(started), tags);
        }
    }

    // Recorded even while the host stops (no cancellation): the gateway has already acted, and a lost
    // answer would mean a repeat call. The events carry the checkout's correlation and user.
    async Task Record(PendingGatewayCall call, RecordGatewayAnswer answer)
    {
        await using var scope = scopes.CreateAsyncScope();
        var delivery = new DeliveryOptions { CorrelationId = call.CorrelationId };
        if (call.UserName is { } user) delivery.Headers[EventMetadata.UserIdHeader] = user;
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeCommandAsync(answer, delivery, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway charge for order {OrderId} got no answer within {Timeout}; its outcome is unknown")]
    static partial void LogChargeTimedOut(ILogger logger, string orderId, TimeSpan timeout);
}
