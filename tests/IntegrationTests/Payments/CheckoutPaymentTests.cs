using System.Diagnostics;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Payments;
using Commerce.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static Commerce.IntegrationTests.Payments.PaymentEventTypes;

namespace Commerce.IntegrationTests.Payments;

[Collection(AppHost.Name)]
public sealed class CheckoutPaymentTests(AppFixture app)
{
    readonly PaymentsCheckout checkout = new(app);

    GatewayOptions Gateway => app.Host.Services.GetRequiredService<GatewayOptions>();

    [Fact]
    public async Task visa_charge_is_recorded_with_the_gateway_reference()
    {
        var order = Api.NewId("order");

        await checkout.Charge(order, PaymentMethods.Visa);

        Assert.Equal([Requested, Charged], await checkout.Settled(order, Charged));
        Assert.Equal($"sim_{order}", await checkout.EventData(order, Charged, "GatewayReference"));
    }

    [Fact]
    public async Task charge_and_its_outcome_carry_the_checkouts_correlation_id_and_user()
    {
        var order = Api.NewId("order");
        var correlation = Api.NewId("corr");

        await checkout.Charge(order, PaymentMethods.Visa, correlationId: correlation, userId: "alice");
        await checkout.Settled(order, Charged);

        Assert.Equal([(correlation, "alice", "1"), (correlation, "alice", "1")], await checkout.EventMetadata(order));
    }

    [Theory]
    [InlineData(PaymentMethods.ChargeDeclined, "Your card was declined.")]
    [InlineData(PaymentMethods.InsufficientFunds, "Insufficient funds.")]
    public async Task declined_card_is_recorded_with_the_gateway_reason(string method, string reason)
    {
        var order = Api.NewId("order");

        await checkout.Charge(order, method);

        Assert.Equal([Requested, Declined], await checkout.Settled(order, Declined));
        Assert.Equal(reason, await checkout.EventData(order, Declined, "Reason"));
    }

    [Fact]
    public async Task unknown_payment_method_is_declined_naming_the_valid_ones()
    {
        var order = Api.NewId("order");

        await checkout.Charge(order, "tok_mastercard");

        Assert.Equal([Requested, Declined], await checkout.Settled(order, Declined));
        Assert.Equal(PaymentMethods.UnknownMessage("tok_mastercard"), await checkout.EventData(order, Declined, "Reason"));
    }

    [Fact]
    public async Task repeated_charge_is_requested_and_charged_once()
    {
        var order = Api.NewId("order");

        await Task.WhenAll(checkout.Charge(order, PaymentMethods.Visa), checkout.Charge(order, PaymentMethods.Visa));
        await checkout.Settled(order, Charged);
        await checkout.Charge(order, PaymentMethods.Visa);

        Assert.Equal([Requested, Charged], await checkout.Settled(order, Charged));
    }

    [Fact]
    public async Task refund_of_a_charged_payment_is_made_once_even_if_asked_twice()
    {
        var order = Api.NewId("order");
        await checkout.Charge(order, PaymentMethods.Visa);
        await checkout.Settled(order, Charged);

        await Task.WhenAll(checkout.Refund(order, "Order cancelled."), checkout.Refund(order, "Order cancelled."));
        await checkout.Settled(order, Refunded);
        await checkout.Refund(order, "Order cancelled.");

        Assert.Equal([Requested, Charged, RefundRequested, Refunded], await checkout.Settled(order, Refunded));
        Assert.Equal("Order cancelled.", await checkout.EventData(order, Refunded, "Reason"));
    }

    [Fact]
    public async Task refund_of_a_declined_payment_changes_nothing()
    {
        var order = Api.NewId("order");
        await checkout.Charge(order, PaymentMethods.ChargeDeclined);
        await checkout.Settled(order, Declined);

        await checkout.Refund(order);

        Assert.Equal([Requested, Declined], await checkout.EventTypes(order));
        Assert.False(await checkout.HasPendingCall(order));
    }

    [Fact]
    public async Task refund_for_an_order_never_charged_changes_nothing()
    {
        var order = Api.NewId("order");

        await checkout.Refund(order);

        Assert.Empty(await checkout.EventTypes(order));
        Assert.False(await checkout.HasPendingCall(order));
    }

    [Fact]
    public async Task charge_the_gateway_never_answers_is_given_up_after_the_call_timeout_and_stays_requested()
    {
        var order = Api.NewId("order");
        var clock = Stopwatch.StartNew();

        await checkout.Charge(order, PaymentMethods.Timeout);

        Assert.Equal([Requested, GatewayTimedOut], await checkout.Settled(order, GatewayTimedOut, Gateway.CallTimeout + TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed >= Gateway.CallTimeout, $"Gave up after {clock.Elapsed}, before the call timeout {Gateway.CallTimeout}.");
    }

    [Fact]
    public async Task slow_charge_is_waited_for_and_charged()
    {
        AssertSlowChargesOutlastNoTimeout();
        var order = Api.NewId("order");
        var clock = Stopwatch.StartNew();

        await checkout.Charge(order, PaymentMethods.Slow);

        Assert.Equal([Requested, Charged], await checkout.Settled(order, Charged, Gateway.SlowDelay + TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed >= Gateway.SlowDelay, $"Charged after {clock.Elapsed}, before the gateway's slow delay {Gateway.SlowDelay}.");
    }

    [Fact]
    public async Task refund_asked_while_the_charge_is_at_the_gateway_is_made_right_after_the_charge()
    {
        AssertSlowChargesOutlastNoTimeout();
        var order = Api.NewId("order");
        await checkout.Charge(order, PaymentMethods.Slow);

        await checkout.Refund(order, "Charged after the order was cancelled.");
        Assert.Equal([Requested, RefundRequested], await checkout.EventTypes(order));

        Assert.Equal([Requested, RefundRequested, Charged, Refunded],
            await checkout.Settled(order, Refunded, Gateway.SlowDelay + TimeSpan.FromSeconds(30)));
        Assert.Equal("Charged after the order was cancelled.", await checkout.EventData(order, Refunded, "Reason"));
    }

    // tok_slow only shows "wait for a slow gateway" when the worker waits longer than the gateway takes.
    void AssertSlowChargesOutlastNoTimeout() =>
        Assert.True(Gateway.SlowDelay < Gateway.CallTimeout,
            $"The host waits {Gateway.CallTimeout} for a gateway call but tok_slow answers after {Gateway.SlowDelay}, so slow charges " +
            "are given up as timeouts. Set Payments:Gateway:CallTimeout above Payments:Gateway:SlowDelay in the test host.");
}
