using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Privacy;

namespace Commerce.Orders.Tests;

public sealed class ShipOrderTests
{
    static readonly ShipOrder Shipping = new("cmd-1", Given.OrderId, "track-7");

    [Fact]
    public void shipping_a_confirmed_order_records_the_tracking_number()
    {
        var shipped = Assert.Single(ShipOrder.Decide(Given.OrderThatIs("confirmed"), Shipping, PersonalDataState.Present, Given.Now));

        Assert.Equal(new OrderShipped(Given.OrderId, "track-7", Given.Now), shipped);
    }

    [Fact]
    public void shipping_an_unknown_order_is_not_found() =>
        Assert.Throws<NotFoundException>(() => ShipOrder.Decide(null, Shipping, PersonalDataState.Present, Given.Now));

    [Theory]
    [InlineData("placed")]
    [InlineData("cancelled")]
    [InlineData("shipped")]
    public void shipping_an_order_that_is_not_confirmed_is_a_domain_error(string status)
    {
        var error = Assert.Throws<DomainException>(() => ShipOrder.Decide(Given.OrderThatIs(status), Shipping, PersonalDataState.Present, Given.Now));

        Assert.Contains(status, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_order_whose_customer_was_forgotten_has_no_address_to_ship_to()
    {
        var error = Assert.Throws<DomainException>(() => ShipOrder.Decide(Given.OrderThatIs("confirmed"), Shipping, PersonalDataState.Erased, Given.Now));

        Assert.Contains("forgotten", error.Message, StringComparison.Ordinal);
    }
}
