using Commerce.Payments.Contracts;
using Commerce.BuildingBlocks.Errors;

namespace Commerce.Payments.Tests;

public sealed class RequestPaymentTests
{
    [Fact]
    public void first_request_for_an_order_is_recorded()
    {
        var events = PaymentDecisions.Decide(null, new ChargePayment(Given.OrderId, 42.50m, "EUR", "tok_visa"), Given.Now);

        Assert.Equal([new PaymentRequested(Given.OrderId, 42.50m, "EUR", "tok_visa", Given.Now)], events);
    }

    [Fact]
    public void repeating_the_same_request_changes_nothing()
    {
        var current = Given.Payment(Given.Requested);

        Assert.Empty(PaymentDecisions.Decide(current, new ChargePayment(Given.OrderId, 42.50m, "EUR", "tok_visa"), Given.Now));
    }

    [Fact]
    public void repeating_the_same_request_after_the_charge_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Charged);

        Assert.Empty(PaymentDecisions.Decide(current, new ChargePayment(Given.OrderId, 42.50m, "EUR", "tok_visa"), Given.Now));
    }

    [Theory]
    [InlineData(99.00, "EUR", "tok_visa")]
    [InlineData(42.50, "USD", "tok_visa")]
    [InlineData(42.50, "EUR", "tok_chargeDeclined")]
    public void a_different_request_for_an_order_already_paying_is_rejected(double amount, string currency, string method)
    {
        var current = Given.Payment(Given.Requested);

        var error = Assert.Throws<DomainException>(() =>
            PaymentDecisions.Decide(current, new ChargePayment(Given.OrderId, (decimal)amount, currency, method), Given.Now));
        Assert.Contains(Given.OrderId, error.Message, StringComparison.Ordinal);
    }
}
