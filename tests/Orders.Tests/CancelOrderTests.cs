using Commerce.BuildingBlocks.Errors;

namespace Commerce.Orders.Tests;

public sealed class CancelOrderTests
{
    static readonly CancelOrder Cancelling = new("cmd-1", Given.OrderId, "Found it cheaper.");

    [Fact]
    public void cancelling_a_placed_order_records_the_reason()
    {
        var cancelled = Assert.Single(CancelOrder.Decide(Given.Order(Given.Placed), Cancelling, Given.Now));

        Assert.Equal(new OrderCancelled(Given.OrderId, "Found it cheaper.", Given.Now), cancelled);
    }

    [Fact]
    public void cancelling_an_order_whose_payment_was_submitted_is_allowed()
    {
        var cancelled = Assert.Single(CancelOrder.Decide(Given.Order(Given.Placed, Given.PaymentSubmitted), Cancelling, Given.Now));

        Assert.Equal(new OrderCancelled(Given.OrderId, "Found it cheaper.", Given.Now), cancelled);
    }

    [Fact]
    public void cancelling_an_unknown_order_is_not_found() =>
        Assert.Throws<NotFoundException>(() => CancelOrder.Decide(null, Cancelling, Given.Now));

    [Theory]
    [InlineData("confirmed")]
    [InlineData("shipped")]
    [InlineData("cancelled")]
    public void cancelling_an_order_that_is_no_longer_open_is_a_domain_error(string status)
    {
        var error = Assert.Throws<DomainException>(() => CancelOrder.Decide(Given.OrderThatIs(status), Cancelling, Given.Now));

        Assert.Contains(status, error.Message, StringComparison.Ordinal);
    }
}
