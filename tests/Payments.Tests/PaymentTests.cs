namespace Commerce.Payments.Tests;

public sealed class PaymentTests
{
    [Fact]
    public void requested_payment_is_identified_by_its_order()
    {
        var payment = Given.Payment(Given.Requested);

        Assert.Equal(new Payment(Given.OrderId, 42.50m, "EUR", "tok_visa", PaymentStatus.Requested, null, null), payment);
    }

    [Fact]
    public void charged_payment_keeps_the_gateway_reference()
    {
        var payment = Given.Payment(Given.Requested, Given.Charged);

        Assert.Equal(PaymentStatus.Charged, payment.Status);
        Assert.Equal("sim_order-1", payment.GatewayReference);
    }

    [Fact]
    public void declined_payment_keeps_the_reason()
    {
        var payment = Given.Payment(Given.Requested, Given.Declined);

        Assert.Equal(PaymentStatus.Declined, payment.Status);
        Assert.Equal("Your card was declined.", payment.DeclineReason);
    }

    [Fact]
    public void refunded_payment_is_refunded()
    {
        var payment = Given.Payment(Given.Requested, Given.Charged, Given.Refunded);

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
    }
}
