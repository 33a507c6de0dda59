using Commerce.Payments.Contracts;

namespace Commerce.Payments;

public sealed record GatewayOutcome(bool Succeeded, string? Reference, string? DeclineReason)
{
    public static GatewayOutcome Approved(string reference) => new(true, reference, null);

    public static GatewayOutcome Declined(string reason) => new(false, null, reason);
}

// Bound from the "Payments:Gateway" configuration section, hence settable.
public sealed class GatewayOptions
{
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(20);

    // How long the GatewayWorker waits for one call: a charge without an answer by then is given up
    // (its outcome unknown), a refund is tried again later.
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    // Checked at start-up: a bad value would otherwise surface as every payment failing at run time.
    public GatewayOptions Validated()
    {
        if (Latency < TimeSpan.Zero || SlowDelay < TimeSpan.Zero)
            throw new InvalidOperationException("Payments:Gateway:Latency and SlowDelay must not be negative.");
        if (CallTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Payments:Gateway:CallTimeout must be positive.");
        return this;
    }
}

// The only mock in the system: a card gateway answering Stripe-style test tokens. Time comes from
// the injected TimeProvider so tests can drive latency, slowness and timeouts without waiting.
public sealed class SimulatedPaymentGateway(GatewayOptions options, TimeProvider time)
{
    public async Task<GatewayOutcome?> Charge(string orderId, decimal amount, string currency, string token, CancellationToken ct)
    {
        if (!PaymentMethods.IsKnown(token))
            throw new ArgumentException(PaymentMethods.UnknownMessage(token));

        if (token == PaymentMethods.Timeout)
        {
            // A gateway that never answers: only the caller's deadline ends the wait.
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            throw new OperationCanceledException(ct);
        }

        await Task.Delay(token == PaymentMethods.Slow ? options.SlowDelay : options.Latency, time, ct);
        return token switch
        {
            PaymentMethods.ChargeDeclined => GatewayOutcome.Declined("Your card was declined."),
            PaymentMethods.InsufficientFunds => GatewayOutcome.Declined("Insufficient funds."),
            _ => GatewayOutcome.Approved($"sim_{orderId}"),
        };
    }

    public async Task<GatewayOutcome> Refund(string orderId, decimal amount, string currency, CancellationToken ct)
    {
        await Task.Delay(options.Latency, time, ct);
        return GatewayOutcome.Approved($"sim_refund_{orderId}");
    }
}
