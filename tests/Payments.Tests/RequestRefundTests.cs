using Commerce.Payments.Contracts;
namespace Commerce.Payments.Tests;

public sealed class RequestRefundTests
{
    [Fact]
    public void refund_asked_for_a_charged_payment_is_recorded_and_calls_the_gateway()
    {
        var current = Given.Payment(Given.Requested, Given.Charged);

        var events = PaymentDecisions.Decide(current, new RefundPayment(Given.OrderId, "Order cancelled."), Given.Now);

        Assert.Equal([new PaymentRefundRequested(Given.OrderId, "Order cancelled.", Given.Now)], events);
        Assert.Equal(GatewayCallKind.Refund, Given.After(current, events).DueCall);
    }

    [Fact]
    public void refund_asked_while_the_charge_is_at_the_gateway_is_kept_and_the_charge_goes_on()
    {
        var current = Given.Payment(Given.Requested);

        var events = PaymentDecisions.Decide(current, new RefundPayment(Given.OrderId, "Order cancelled."), Given.Now);

        Assert.Equal([new PaymentRefundRequested(Given.OrderId, "Order cancelled.", Given.Now)], events);
        Assert.Equal(GatewayCallKind.Charge, Given.After(current, events).DueCall);
    }

    [Fact]
    public void charge_that_succeeds_after_a_refund_was_asked_is_refunded_next()
    {
        var current = Given.Payment(Given.Requested, Given.RefundRequested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, GatewayOutcome.Approved("sim_order-1")), Given.Now);

        Assert.Equal([new PaymentCharged(Given.OrderId, 42.50m, "EUR", "sim_order-1", Given.Now)], events);
        Assert.Equal(GatewayCallKind.Refund, Given.After(current, events).DueCall);
    }

    [Fact]
    public void charge_declined_after_a_refund_was_asked_needs_no_further_call()
    {
        var current = Given.Payment(Given.Requested, Given.RefundRequested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, GatewayOutcome.Declined("Your card was declined.")), Given.Now);

        Assert.Null(Given.After(current, events).DueCall);
    }

    [Fact]
    public void refund_made_after_it_was_asked_gives_back_the_amount_with_the_reason_asked()
    {
        var current = Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), Given.Now);

        Assert.Equal([new PaymentRefunded(Given.OrderId, 42.50m, "Order cancelled.", Given.Now)], events);
        Assert.Null(Given.After(current, events).DueCall);
    }

    public static TheoryData<string> PaymentsWithNothingToAsk => new() { "refund asked", "declined", "refunded", "charged, refund asked" };

    [Theory]
    [MemberData(nameof(PaymentsWithNothingToAsk))]
    public void refund_asked_again_or_of_a_payment_never_charged_changes_nothing(string state)
    {
        var current = state switch
        {
            "refund asked" => Given.Payment(Given.Requested, Given.RefundRequested),
            "declined" => Given.Payment(Given.Requested, Given.Declined),
            "refunded" => Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested, Given.Refunded),
            _ => Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested),
        };

        Assert.Empty(PaymentDecisions.Decide(current, new RefundPayment(Given.OrderId, "Order cancelled."), Given.Now));
    }
}
