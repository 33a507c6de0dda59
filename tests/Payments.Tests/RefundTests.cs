namespace Commerce.Payments.Tests;

public sealed class RefundTests
{
    [Fact]
    public void refund_of_a_charged_payment_returns_the_charged_amount()
    {
        var current = Given.Payment(Given.Requested, Given.Charged);

        var events = PaymentDecisions.Refund(current, "Order cancelled.", Given.Now);

        Assert.Equal([new PaymentRefunded(Given.OrderId, 42.50m, "Order cancelled.", Given.Now)], events);
    }

    [Fact]
    public void refund_repeated_after_refunding_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Charged, Given.Refunded);

        Assert.Empty(PaymentDecisions.Refund(current, "Order cancelled.", Given.Now));
    }

    [Fact]
    public void refund_of_a_declined_payment_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Declined);

        Assert.Empty(PaymentDecisions.Refund(current, "Order cancelled.", Given.Now));
    }

    [Fact]
    public void refund_before_the_gateway_answered_changes_nothing()
    {
        var current = Given.Payment(Given.Requested);

        Assert.Empty(PaymentDecisions.Refund(current, "Order cancelled.", Given.Now));
    }
}
