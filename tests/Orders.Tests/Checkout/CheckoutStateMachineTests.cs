using Commerce.Inventory.Contracts;
using Commerce.Orders.Checkout;
using Commerce.Payments.Contracts;
using static Commerce.Orders.Tests.Checkout.CheckoutOrder;

namespace Commerce.Orders.Tests.Checkout;

/// The checkout moving forward: each transition, what it records, the deadline it sets and the
/// command it sends; repeats and messages a state does not expect.
[Collection(SharedCheckoutHarness.Name)]
public sealed class CheckoutStateMachineTests(CheckoutHarness harness)
{
    static readonly CheckoutOptions Options = CheckoutHarness.Options;

    [Fact]
    public async Task a_placed_order_starts_a_checkout_that_reserves_its_stock()
    {
        var order = new CheckoutOrder(harness, PaymentMethods.Visa);

        var sent = await order.Deliver(order.Placed);

        var checkout = await order.Expect("Reserving");
        var reserve = Assert.IsType<ReserveStock>(Assert.Single(sent));
        Assert.Equal(order.Id, reserve.OrderId);
        Assert.Equal(order.Lines, reserve.Lines);
        Assert.Equal(("stock", PlacedAt + Options.StockTimeout, 0), DeadlineOf(checkout));
        Assert.Equal((23.25m, "EUR", PaymentMethods.Visa), (checkout.Total, checkout.Currency, checkout.PaymentMethod));
        Assert.Equal(new CheckoutStepRecord("placed", PlacedAt), Assert.Single(checkout.Steps));
    }

    [Fact]
    public async Task reserved_stock_is_charged_with_the_payment_method_of_the_order()
    {
        var order = await harness.OrderIn("Reserving");

        var sent = await order.Deliver(order.StockReserved);

        var checkout = await order.Expect("Charging");
        Assert.Equal([order.Charge], sent);
        Assert.True(checkout.StockHeld);
        Assert.Equal(("payment", order.StockReserved.ReservedAt + Options.PaymentTimeout, 0), DeadlineOf(checkout));
    }

    [Fact]
    public async Task a_charge_confirms_the_order_in_the_commit_that_saves_it()
    {
        var order = await harness.OrderIn("Charging");

        var sent = await order.Deliver(order.Charged);

        var checkout = await order.Expect("Confirming");
        Assert.Equal([new ConfirmOrderIfOpen(order.Id, order.Charged.ChargedAt)], sent);
        Assert.True(checkout.Charged);
        Assert.Equal((null, null, 0), DeadlineOf(checkout));
    }

    [Fact]
    public async Task a_confirmed_order_commits_its_stock_and_ends_the_checkout()
    {
        var order = await harness.OrderIn("Confirming");

        var sent = await order.Deliver(order.Confirmed);

        var checkout = await order.Expect("Confirmed");
        Assert.Equal([new CommitStock(order.Id)], sent);
        Assert.Equal((null, null, 0), DeadlineOf(checkout));
        Assert.Equal(["placed", "stock_reserved", "paid", "confirmed"], checkout.Steps.Select(s => s.Step));
        Assert.Equal([typeof(ReserveStock), typeof(ChargePayment), typeof(CommitStock), typeof(ConfirmOrderIfOpen)],
            (await order.Commands()).Select(c => c.GetType()));
        Assert.False(checkout.RefundRequested);
    }

    [Fact]
    public async Task reserved_stock_for_an_order_without_a_payment_method_waits_for_the_payment()
    {
        var order = new CheckoutOrder(harness, paymentMethod: null);
        await order.Deliver(order.Placed);

        var sent = await order.Deliver(order.StockReserved);

        var checkout = await order.Expect("AwaitingPayment");
        Assert.Empty(sent);
        Assert.True(checkout.StockHeld);
        Assert.Equal(("payment_wait", order.StockReserved.ReservedAt + Options.PaymentWaitTimeout, 0), DeadlineOf(checkout));
    }

    [Fact]
    public async Task a_submitted_payment_is_charged()
    {
        var order = await harness.OrderIn("AwaitingPayment");

        var sent = await order.Deliver(order.PaymentSubmitted);

        var checkout = await order.Expect("Charging");
        Assert.Equal([new ChargePayment(order.Id, 23.25m, "EUR", order.PaymentSubmitted.PaymentMethod)], sent);
        Assert.Equal(new CheckoutStepRecord("payment_submitted", order.PaymentSubmitted.SubmittedAt), checkout.Steps[^1]);
        Assert.Equal(("payment", order.PaymentSubmitted.SubmittedAt + Options.PaymentTimeout, 0), DeadlineOf(checkout));
    }

    [Fact]
    public async Task a_payment_submitted_while_the_stock_is_reserved_is_charged_once_the_stock_is_held()
    {
        var order = new CheckoutOrder(harness, paymentMethod: null);
        await order.Deliver(order.Placed);

        Assert.Empty(await order.Deliver(order.PaymentSubmitted));
        await order.Expect("Reserving");
        var sent = await order.Deliver(order.StockReserved);

        await order.Expect("Charging");
        Assert.Equal([new ChargePayment(order.Id, 23.25m, "EUR", order.PaymentSubmitted.PaymentMethod)], sent);
    }

    [Theory]
    [InlineData("Reserving")]
    [InlineData("Charging")]
    [InlineData("Confirmed")]
    public async Task a_repeat_of_the_message_that_moved_the_checkout_on_sends_the_outstanding_command_again(string state)
    {
        var order = await harness.OrderIn(state);
        var (repeat, outstanding) = state switch
        {
            "Reserving" => ((object)order.Placed, typeof(ReserveStock)),
            "Charging" => (order.StockReserved, typeof(ChargePayment)),
            _ => (order.Confirmed, typeof(CommitStock)),
        };
        var before = await order.Position();
        var first = Assert.Single(await order.Commands(), c => c.GetType() == outstanding);

        var sent = await order.Deliver(repeat);

        Assert.Equivalent(first, Assert.Single(sent), strict: true);
        Assert.Equal(before, await order.Position());
    }

    [Fact]
    public async Task a_repeat_of_the_submitted_payment_charges_again()
    {
        var order = await harness.OrderIn("AwaitingPayment");
        await order.Deliver(order.PaymentSubmitted);
        var before = await order.Position();

        var sent = await order.Deliver(order.PaymentSubmitted);

        Assert.Equal([new ChargePayment(order.Id, 23.25m, "EUR", order.PaymentSubmitted.PaymentMethod)], sent);
        Assert.Equal(before, await order.Position());
    }

    [Theory]
    [InlineData("Reserving")]
    [InlineData("AwaitingPayment")]
    [InlineData("Charging")]
    [InlineData("Confirming")]
    [InlineData("Confirmed")]
    [InlineData("Cancelled")]
    public async Task messages_a_state_does_not_expect_change_nothing(string state)
    {
        var order = await harness.OrderIn(state);
        var before = await order.Position();
        var commands = (await order.Commands()).Count;

        foreach (var message in Unexpected(order, state)) await order.Deliver(message);

        Assert.Equal(before, await order.Position());
        Assert.Equal(commands, (await order.Commands()).Count);
    }

    [Fact]
    public async Task messages_for_an_order_that_started_no_checkout_are_discarded()
    {
        var order = new CheckoutOrder(harness, PaymentMethods.Visa);

        foreach (var message in (object[])[order.PaymentSubmitted, order.CustomerCancelled, order.Confirmed, order.StockReserved,
                     order.StockShort, order.Charged, order.Declined, order.Deadline("stock", 0, PlacedAt)])
            await order.Deliver(message);

        Assert.Null(await harness.Find(order.Id));
        Assert.Empty(await order.Commands());
    }

    static object[] Unexpected(CheckoutOrder o, string state) => state switch
    {
        "Reserving" => [o.Confirmed, o.Charged, o.Declined],
        "AwaitingPayment" => [o.Placed, o.StockReserved, o.StockShort, o.Confirmed, o.Charged, o.Declined],
        "Charging" => [o.Placed, o.StockShort, o.Confirmed],
        "Confirming" => [o.Placed, o.PaymentSubmitted, o.StockReserved, o.StockShort, o.Charged, o.Declined,
            o.Deadline("payment", 0, PlacedAt.AddMinutes(1))],
        "Confirmed" => [o.Placed, o.PaymentSubmitted, o.CustomerCancelled, o.StockReserved, o.StockShort, o.Charged, o.Declined,
            o.Deadline("payment", 0, PlacedAt.AddMinutes(1))],
        // The cancellation was decided with the state; its own OrderCancelled, relayed, re-sends the release.
        _ => [o.Placed, o.PaymentSubmitted, o.Confirmed, o.StockShort, o.Declined, o.Deadline("stock", 0, PlacedAt.AddMinutes(1))],
    };
}
