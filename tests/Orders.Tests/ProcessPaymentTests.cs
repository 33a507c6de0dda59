using System.Globalization;
using Commerce.BuildingBlocks.Errors;

namespace Commerce.Orders.Tests;

public sealed class ProcessPaymentTests
{
    static ProcessPayment Paying(decimal amount) => new("cmd-1", Given.OrderId, "tok_visa", amount);

    [Fact]
    public void paying_an_order_placed_without_payment_method_submits_the_payment_in_the_order_currency()
    {
        var submitted = Assert.Single(ProcessPayment.Decide(Given.Order(Given.Placed), Paying(23.25m), Given.Now));

        Assert.Equal(new OrderPaymentSubmitted(Given.OrderId, "tok_visa", 23.25m, "EUR", Given.Now), submitted);
    }

    [Fact]
    public void paying_an_unknown_order_is_not_found()
    {
        var error = Assert.Throws<NotFoundException>(() => ProcessPayment.Decide(null, Paying(23.25m), Given.Now));

        Assert.Contains(Given.OrderId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("confirmed")]
    [InlineData("shipped")]
    public void paying_an_order_that_is_no_longer_open_is_a_domain_error(string status)
    {
        var error = Assert.Throws<DomainException>(() =>
            ProcessPayment.Decide(Given.OrderThatIs(status), Paying(23.25m), Given.Now));

        Assert.Contains(status, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void paying_an_order_placed_with_a_payment_method_is_a_domain_error()
    {
        var error = Assert.Throws<DomainException>(() =>
            ProcessPayment.Decide(Given.Order(Given.PlacedWithPayment), Paying(23.25m), Given.Now));

        Assert.Contains("tok_visa", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void paying_an_order_twice_is_a_domain_error() =>
        Assert.Throws<DomainException>(() =>
            ProcessPayment.Decide(Given.Order(Given.Placed, Given.PaymentSubmitted), Paying(23.25m), Given.Now));

    [Theory]
    [InlineData("23.24")]
    [InlineData("23.26")]
    [InlineData("46.50")]
    public void paying_an_amount_other_than_the_total_names_the_total(string amount)
    {
        var error = Assert.Throws<InvalidCommandException>(() =>
            ProcessPayment.Decide(Given.Order(Given.Placed), Paying(decimal.Parse(amount, CultureInfo.InvariantCulture)), Given.Now));

        Assert.Contains("23.25 EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("amount", error.Errors.Keys);
    }
}
