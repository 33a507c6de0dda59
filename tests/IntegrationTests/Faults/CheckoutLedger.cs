using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

/// What the fault tests check of every order once its checkout ended: it ended once, and money moved
/// once (one charge for a confirmed order; a cancelled one kept nothing).
public sealed class CheckoutLedger(IAppUnderTest app)
{
    readonly EventLog events = new(app);

    public async Task EndedOnce(string orderId, string end)
    {
        // The checkout's state moves first; the order's own events and a refund follow a moment later.
        var order = await events.Eventually("orders", orderId, types => types.Any(t => t is "order_confirmed" or "order_cancelled"), $"{orderId} to end");
        var payment = end == "confirmed"
            ? await events.Types("payments", orderId)
            : await events.Eventually("payments", orderId, types => types.Count(t => t == "payment_charged") == types.Count(t => t == "payment_refunded"),
                $"{orderId}'s charge, if any, to be refunded");
        var ends = order.Count(t => t is "order_confirmed" or "order_cancelled");
        var charges = payment.Count(t => t == "payment_charged");
        var refunds = payment.Count(t => t == "payment_refunded");
        Assert.True(ends == 1, $"{orderId} ended {ends} times: {string.Join(", ", order)}");
        Assert.Equal(end == "confirmed" ? "order_confirmed" : "order_cancelled", order.Single(t => t is "order_confirmed" or "order_cancelled"));
        if (end == "confirmed") Assert.True(charges == 1 && refunds == 0, $"{orderId}: {string.Join(", ", payment)}");
        else Assert.True(charges == refunds, $"{orderId} was cancelled but kept a charge: {string.Join(", ", payment)}");
    }
}
