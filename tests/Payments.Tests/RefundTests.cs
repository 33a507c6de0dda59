using Commerce.Payments.Contracts;
namespace Commerce.Payments.Tests;

public sealed class RefundTests
{
    [Fact]
    public void refund_of_a_charged_payment_returns_the_charged_amount()
    {
        var current = Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), Given.Now);

        Assert.Equal([new PaymentRefunded(Given.OrderId, 42.50m, "Order cancelled.", Given.Now)], events);
    }

    [Fact]
    public void refund_repeated_after_refunding_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Charged, Given.Refunded);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), Given.Now));
    }

    [Fact]
    public void refund_of_a_declined_payment_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Declined);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), Given.Now));
    }

    [Fact]
    public void refund_before_the_gateway_answered_changes_nothing()
    {
        var current = Given.Payment(Given.Requested);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Refund, GatewayOutcome.Approved("sim_refund")), Given.Now));
    }
}
