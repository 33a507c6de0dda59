using Commerce.Inventory.Contracts;
using Commerce.Orders.Checkout;
using Commerce.Payments.Contracts;
using static Commerce.Orders.Tests.Checkout.CheckoutOrder;

namespace Commerce.Orders.Tests.Checkout;

/// The checkout undoing what it did: failures, the customer's cancellation, deadlines (resent, then
/// given up, stale ones ignored) and what arrives after the checkout was cancelled.
[Collection(SharedCheckoutHarness.Name)]
public sealed class CheckoutStateMachineCompensationTests(CheckoutHarness harness)
{
    static readonly CheckoutOptions Options = CheckoutHarness.Options;

    [Fact]
    public async Task stock_that_is_short_cancels_the_order_without_charging()
    {
        var order = await harness.OrderIn("Reserving");

        var sent = await order.Deliver(order.StockShort);

        var checkout = await order.Expect("Cancelled");
        Assert.Equal([new CancelOrderIfOpen(order.Id, "Only 1 left.", order.StockShort.FailedAt)], sent);
        Assert.DoesNotContain(await order.Commands(), c => c is ChargePayment or ReleaseStock);
        Assert.Equal(new CheckoutStepRecord("stock_reservation_failed", order.StockShort.FailedAt, "Only 1 left."), checkout.Steps[^1]);
        Assert.Equal(("Only 1 left.", null, null), (checkout.FailureReason, checkout.DeadlineStep, checkout.DeadlineAt));
    }

    [Fact]
    public async Task a_declined_payment_releases_the_stock_and_cancels_the_order()
    {
        var order = await harness.OrderIn("Charging");

        var sent = await order.Deliver(order.Declined);

        var checkout = await order.Expect("Cancelled");
        Assert.Equal([new ReleaseStock(order.Id, "Card declined."),
            new CancelOrderIfOpen(order.Id, "Card declined.", order.Declined.DeclinedAt)], sent);
        Assert.Equal(("payment_declined", "Card declined."), (checkout.Steps[^1].Step, checkout.FailureReason));
        Assert.Equal((null, false), (checkout.DeadlineStep, checkout.RefundRequested));
    }

    [Theory]
    [InlineData("Reserving", false)]
    [InlineData("AwaitingPayment", false)]
    [InlineData("Charging", false)]
    [InlineData("Confirming", true)]
    public async Task a_customer_cancellation_releases_the_stock_and_refunds_only_a_charge(string state, bool charged)
    {
        var order = await harness.OrderIn(state);

        var sent = await order.Deliver(order.CustomerCancelled);

        var checkout = await order.Expect("Cancelled");
        var release = new ReleaseStock(order.Id, "Changed my mind.");
        Assert.Equal(charged ? [release, new RefundPayment(order.Id, "The order was cancelled.")] : [release], sent);
        Assert.Equal((charged, "Changed my mind.", null), (checkout.RefundRequested, checkout.FailureReason, checkout.DeadlineStep));
        Assert.Equal(new CheckoutStepRecord("cancelled", order.CustomerCancelled.CancelledAt, "Changed my mind."), checkout.Steps[^1]);
    }

    [Fact]
    public async Task a_deadline_while_reserving_reserves_again_until_the_resends_are_used_then_gives_up()
    {
        var order = await harness.OrderIn("Reserving");
        var at = PlacedAt;
        for (var attempt = 0; attempt < Options.Resends; attempt++)
        {
            at += Options.StockTimeout;
            var resent = Assert.IsType<ReserveStock>(Assert.Single(await order.Deliver(order.Deadline("stock", attempt, at))));
            Assert.Equal(order.Lines, resent.Lines);
            var waiting = await order.Expect("Reserving");
            Assert.Equal(("stock", at + Options.StockTimeout, attempt + 1), DeadlineOf(waiting));
        }

        at += Options.StockTimeout;
        var sent = await order.Deliver(order.Deadline("stock", Options.Resends, at));

        await AssertGaveUp(order, sent, at, "Stock could not be reserved in time.");
    }

    [Fact]
    public async Task a_deadline_while_charging_charges_again_until_the_resends_are_used_then_gives_up()
    {
        var order = await harness.OrderIn("Charging");
        var at = order.StockReserved.ReservedAt;
        for (var attempt = 0; attempt < Options.Resends; attempt++)
        {
            at += Options.PaymentTimeout;
            Assert.Equal([order.Charge], await order.Deliver(order.Deadline("payment", attempt, at)));
            var waiting = await order.Expect("Charging");
            Assert.Equal(("payment", at + Options.PaymentTimeout, attempt + 1), DeadlineOf(waiting));
        }

        at += Options.PaymentTimeout;
        var sent = await order.Deliver(order.Deadline("payment", Options.Resends, at));

        await AssertGaveUp(order, sent, at, "The payment gateway did not answer in time.");
    }

    [Fact]
    public async Task a_deadline_while_awaiting_payment_gives_up_at_once()
    {
        var order = await harness.OrderIn("AwaitingPayment");
        var at = order.StockReserved.ReservedAt + Options.PaymentWaitTimeout;

        var sent = await order.Deliver(order.Deadline("payment_wait", 0, at));

        await AssertGaveUp(order, sent, at, "Payment was not received in time.");
    }

    [Theory]
    [InlineData("Reserving", "stock", 1)]
    [InlineData("Reserving", "payment", 0)]
    [InlineData("AwaitingPayment", "payment_wait", 1)]
    [InlineData("AwaitingPayment", "stock", 0)]
    [InlineData("Charging", "stock", 0)]
    [InlineData("Charging", "payment", 1)]
    [InlineData("Confirming", "payment", 0)]
    public async Task a_deadline_for_another_step_or_attempt_changes_nothing(string state, string step, int attempt)
    {
        var order = await harness.OrderIn(state);
        var before = await order.Position();

        var sent = await order.Deliver(order.Deadline(step, attempt, PlacedAt.AddHours(1)));

        Assert.Empty(sent);
        Assert.Equal(before, await order.Position());
    }

    [Fact]
    public async Task a_charge_after_the_customer_cancelled_is_refunded_and_recorded_once()
    {
        var order = await harness.OrderIn("Charging");
        await order.Deliver(order.CustomerCancelled);
        var refund = new RefundPayment(order.Id, "Charged after the order was cancelled.");

        Assert.Equal([refund], await order.Deliver(order.Charged));
        // A repeat only asks again (Payments refunds once); the history keeps one late charge.
        Assert.Equal([refund], await order.Deliver(order.Charged));

        var checkout = await order.Expect("Cancelled");
        Assert.Equal(order.Charged.ChargedAt, Assert.Single(checkout.Steps, s => s.Step == "paid_after_cancellation").At);
        Assert.DoesNotContain(checkout.Steps, s => s.Step == "paid");
        Assert.Equal((true, true), (checkout.Charged, checkout.RefundRequested));
        Assert.DoesNotContain(await order.Commands(), c => c is ConfirmOrderIfOpen);
    }

    [Fact]
    public async Task stock_reserved_after_the_customer_cancelled_is_released()
    {
        var order = await harness.OrderIn("Cancelled");

        var sent = await order.Deliver(order.StockReserved);

        await order.Expect("Cancelled");
        Assert.Equal([new ReleaseStock(order.Id, "Changed my mind.")], sent);
    }

    [Fact]
    public async Task the_cancellation_the_checkout_asked_for_releases_the_stock_again_with_the_first_reason()
    {
        var order = await harness.OrderIn("Charging");
        await order.Deliver(order.Declined);

        var sent = await order.Deliver(order.CustomerCancelled with { Reason = "Payment failed." });

        await order.Expect("Cancelled");
        Assert.Equal([new ReleaseStock(order.Id, "Card declined.")], sent);
    }

    static async Task AssertGaveUp(CheckoutOrder order, IReadOnlyList<object> sent, DateTimeOffset at, string reason)
    {
        var checkout = await order.Expect("Cancelled");
        Assert.Equal([new ReleaseStock(order.Id, reason), new CancelOrderIfOpen(order.Id, reason, at)], sent);
        Assert.Equal(new CheckoutStepRecord("timed_out", at, reason), checkout.Steps[^1]);
        Assert.Equal((reason, null, null, 0), (checkout.FailureReason, checkout.DeadlineStep, checkout.DeadlineAt, checkout.Attempt));
        Assert.DoesNotContain(await order.Commands(), c => c is RefundPayment);
    }
}
