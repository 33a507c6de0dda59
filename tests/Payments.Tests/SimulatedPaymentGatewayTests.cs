using Commerce.Payments.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Payments.Tests;

public sealed class SimulatedPaymentGatewayTests
{
    static readonly GatewayOptions Options = new() { Latency = TimeSpan.FromMilliseconds(50), SlowDelay = TimeSpan.FromSeconds(10) };

    readonly FakeTimeProvider time = new(Given.Now);
    readonly SimulatedPaymentGateway gateway;

    public SimulatedPaymentGatewayTests() => gateway = new SimulatedPaymentGateway(Options, time);

    Task<GatewayOutcome?> Charge(string token, CancellationToken ct = default) =>
        gateway.Charge(Given.OrderId, 42.50m, "EUR", token, ct);

    [Fact]
    public async Task visa_is_charged_after_the_latency()
    {
        var charge = Charge(PaymentMethods.Visa);
        time.Advance(Options.Latency - TimeSpan.FromMilliseconds(1));
        Assert.False(charge.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new GatewayOutcome(true, "sim_order-1", null), await charge);
    }

    [Theory]
    [InlineData(PaymentMethods.ChargeDeclined, "Your card was declined.")]
    [InlineData(PaymentMethods.InsufficientFunds, "Insufficient funds.")]
    public async Task declining_tokens_are_declined_with_their_reason(string token, string reason)
    {
        var charge = Charge(token);
        Assert.False(charge.IsCompleted);

        time.Advance(Options.Latency);

        Assert.Equal(new GatewayOutcome(false, null, reason), await charge);
    }

    [Fact]
    public async Task timeout_token_never_answers_until_the_caller_gives_up()
    {
        using var cancel = new CancellationTokenSource();
        var charge = Charge(PaymentMethods.Timeout, cancel.Token);

        time.Advance(TimeSpan.FromDays(1));
        Assert.False(charge.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => charge);
    }

    [Fact]
    public async Task slow_token_is_charged_only_after_the_slow_delay()
    {
        var charge = Charge(PaymentMethods.Slow);
        time.Advance(Options.SlowDelay - TimeSpan.FromMilliseconds(1));
        Assert.False(charge.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new GatewayOutcome(true, "sim_order-1", null), await charge);
    }

    [Fact]
    public async Task unknown_token_is_rejected_with_the_valid_tokens()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Charge("tok_mastercard"));

        Assert.Equal(PaymentMethods.UnknownMessage("tok_mastercard"), error.Message);
    }

    [Fact]
    public async Task charge_cancelled_during_the_latency_is_abandoned()
    {
        using var cancel = new CancellationTokenSource();
        var charge = Charge(PaymentMethods.Visa, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => charge);
    }

    [Fact]
    public async Task refund_succeeds_after_the_latency()
    {
        var refund = gateway.Refund(Given.OrderId, 42.50m, "EUR", CancellationToken.None);
        Assert.False(refund.IsCompleted);

        time.Advance(Options.Latency);

        var outcome = await refund;
        Assert.True(outcome.Succeeded);
        Assert.NotNull(outcome.Reference);
    }
}
