namespace Commerce.Payments.Tests;

public sealed class DueCallTests
{
    [Fact]
    public void requested_payment_waits_for_its_charge() =>
        Assert.Equal(GatewayCallKind.Charge, Given.Payment(Given.Requested).DueCall);

    [Fact]
    public void charged_payment_waits_for_nothing_until_a_refund_is_asked()
    {
        Assert.Null(Given.Payment(Given.Requested, Given.Charged).DueCall);
        Assert.Equal(GatewayCallKind.Refund, Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested).DueCall);
    }

    [Fact]
    public void settled_or_abandoned_payments_wait_for_nothing()
    {
        Assert.Null(Given.Payment(Given.Requested, Given.Declined).DueCall);
        Assert.Null(Given.Payment(Given.Requested, Given.Charged, Given.RefundRequested, Given.Refunded).DueCall);
        Assert.Null(Given.Payment(Given.Requested, Given.TimedOut).DueCall);
    }
}
