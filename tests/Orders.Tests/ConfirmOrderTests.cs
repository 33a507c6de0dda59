using Commerce.BuildingBlocks.Errors;

namespace Commerce.Orders.Tests;

public sealed class ConfirmOrderTests
{
    [Fact]
    public void confirming_a_placed_order_confirms_it()
    {
        var events = ConfirmOrder.Decide(Given.Order(Given.Placed, Given.PaymentSubmitted), Given.Now);

        var confirmed = Assert.IsType<OrderConfirmed>(Assert.Single(events));
        Assert.Equal(Given.OrderId, confirmed.OrderId);
        Assert.Equal(Given.Now, confirmed.ConfirmedAt);
    }

    [Fact]
    public void confirming_an_order_twice_is_a_domain_error()
    {
        var error = Assert.Throws<DomainException>(() => ConfirmOrder.Decide(Given.OrderThatIs("confirmed"), Given.Now));

        Assert.Contains("already confirmed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void confirming_a_cancelled_order_is_a_domain_error()
    {
        var error = Assert.Throws<DomainException>(() => ConfirmOrder.Decide(Given.OrderThatIs("cancelled"), Given.Now));

        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
    }
}
