using Commerce.Payments.Contracts;
using JasperFx.Events;

namespace Commerce.Payments.Tests;

public sealed class PaymentsIntegrationEventsTests
{
    static object? Map(object data) => new PaymentsIntegrationEvents().Map(new Event<object>(data));

    [Fact]
    public void charge_is_published_with_the_gateway_reference() =>
        Assert.Equal(new PaymentChargedIntegrationEvent(Given.OrderId, 42.50m, "EUR", "sim_order-1", Given.Charged.ChargedAt), Map(Given.Charged));

    [Fact]
    public void decline_is_published_with_the_reason() =>
        Assert.Equal(new PaymentDeclinedIntegrationEvent(Given.OrderId, "Your card was declined.", Given.Declined.DeclinedAt), Map(Given.Declined));

    [Fact]
    public void refund_is_published_with_the_amount_and_reason() =>
        Assert.Equal(new PaymentRefundedIntegrationEvent(Given.OrderId, 42.50m, "Order cancelled.", Given.Refunded.RefundedAt), Map(Given.Refunded));

    [Fact]
    public void steps_that_settle_nothing_are_not_published()
    {
        Assert.Null(Map(Given.Requested));
        Assert.Null(Map(Given.RefundRequested));
        Assert.Null(Map(Given.TimedOut));
    }
}
