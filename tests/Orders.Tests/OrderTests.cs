namespace Commerce.Orders.Tests;

public sealed class OrderTests
{
    [Fact]
    public void a_placed_order_keeps_what_was_placed()
    {
        var order = Given.Order(Given.PlacedWithPayment);

        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal(Given.OrderId, order.Id);
        Assert.Equal(Given.UserId, order.UserId);
        Assert.Equal(Given.Placed.Lines, order.Lines);
        Assert.Equal(23.25m, order.Total);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal("tok_visa", order.PaymentMethod);
        Assert.True(order.IsOpen);
    }

    [Fact]
    public void a_submitted_payment_sets_the_payment_method_and_keeps_the_order_placed()
    {
        var order = Given.Order(Given.Placed, Given.PaymentSubmitted);

        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal("tok_visa", order.PaymentMethod);
    }

    [Fact]
    public void a_confirmed_order_is_confirmed_and_no_longer_open()
    {
        var order = Given.Order(Given.Placed, Given.Confirmed);

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.False(order.IsOpen);
    }

    [Fact]
    public void a_shipped_order_keeps_its_tracking_number()
    {
        var order = Given.Order(Given.Placed, Given.Confirmed, Given.Shipped);

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal("track-42", order.TrackingNumber);
    }

    [Fact]
    public void a_cancelled_order_keeps_its_reason()
    {
        var order = Given.Order(Given.Placed, Given.Cancelled);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("Changed my mind.", order.CancelReason);
        Assert.False(order.IsOpen);
    }

    [Theory]
    [InlineData(OrderStatus.Placed, "placed")]
    [InlineData(OrderStatus.AwaitingPayment, "awaiting_payment")]
    [InlineData(OrderStatus.Confirmed, "confirmed")]
    [InlineData(OrderStatus.Shipped, "shipped")]
    [InlineData(OrderStatus.Cancelled, "cancelled")]
    public void each_status_has_its_api_name(OrderStatus status, string name) =>
        Assert.Equal(name, OrderStatusNames.Of(status));
}
