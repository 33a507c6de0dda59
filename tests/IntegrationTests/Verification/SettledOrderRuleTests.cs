using Commerce.Testing;
using Commerce.Verification;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Orders.Checkout;
using Commerce.Payments;
using JasperFx.Events;

namespace Commerce.IntegrationTests.Verification;

// When an order counts as settled, and so is checked: no database, the write side built by hand.
public sealed class SettledOrderRuleTests
{
    const string OrderId = "order-1";
    static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);
    static readonly OrderPlaced Placed = new(OrderId, "user-1", [new OrderLine("sku-1", "Mug", 2, 5m)], 10m, "EUR", "tok_visa", Now.AddMinutes(-10));
    static readonly OrderStockLine[] Held = [new("sku-1", 2)];

    [Fact]
    public void a_cancelled_order_still_holding_stock_is_in_flight_for_the_quiet_period_then_a_violation()
    {
        WriteSide Cancelled(DateTimeOffset at) => Data(
            [(Placed, at.AddSeconds(-5)), (new OrderCancelled(OrderId, "declined", at), at)], Checkout("Cancelled", at),
            reservation: [(new OrderStockReserved(OrderId, Held, at.AddSeconds(-4)), at.AddSeconds(-4))]);

        var recent = OrderInvariants.Check(Cancelled(Now.AddSeconds(-10)), VerificationScope.Everything, Now, Quiet);
        var old = OrderInvariants.Check(Cancelled(Now.AddSeconds(-40)), VerificationScope.Everything, Now, Quiet);

        Assert.Equal((0, 1), (recent.Settled, recent.InFlight));
        Assert.Empty(recent.Violations);
        Assert.Equal(new Violation("cancelled_with_stock", OrderId, "still holds 2 sku-1"), Assert.Single(old.Violations));
    }

    [Fact]
    public void an_order_whose_payment_still_owes_the_gateway_a_call_is_in_flight_however_quiet()
    {
        var at = Now.AddHours(-1);
        var data = Data([(Placed, at), (new OrderCancelled(OrderId, "timed out", at), at)], Checkout("Cancelled", at),
            payment: [(new PaymentRequested(OrderId, 10m, "EUR", "tok_slow", at), at)]);

        var check = OrderInvariants.Check(data, VerificationScope.Everything, Now, Quiet);

        Assert.Equal((0, 1), (check.Settled, check.InFlight));
        Assert.Empty(check.Violations);
    }

    [Fact]
    public void a_checkout_whose_deadline_passed_longer_ago_than_the_quiet_period_is_stuck()
    {
        var checkout = Checkout("Charging", Now.AddMinutes(-5));
        (checkout.DeadlineStep, checkout.DeadlineAt) = ("payment", Now.AddMinutes(-2));

        var check = OrderInvariants.Check(Data([(Placed, Now.AddMinutes(-5))], checkout), VerificationScope.Everything, Now, Quiet);

        var stuck = Assert.Single(check.Violations);
        Assert.Equal(("checkout_stuck", OrderId), (stuck.Rule, stuck.Subject));
        Assert.StartsWith("the checkout is Charging and its payment deadline passed at ", stuck.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_confirmed_order_with_its_charge_and_its_stock_sold_is_settled_and_holds()
    {
        var at = Now.AddMinutes(-1);
        var data = Data([(Placed, at), (new OrderConfirmed(OrderId, 10m, "EUR", 2, at), at)], Checkout("Confirmed", at),
            payment: [(new PaymentRequested(OrderId, 10m, "EUR", "tok_visa", at), at), (new PaymentCharged(OrderId, 10m, "EUR", "sim", at), at)],
            reservation: [(new OrderStockReserved(OrderId, Held, at), at), (new OrderStockCommitted(OrderId, at), at)]);

        var check = OrderInvariants.Check(data, VerificationScope.Everything, Now, Quiet);

        Assert.Equal((1, 0), (check.Settled, check.InFlight));
        Assert.Empty(check.Violations);
    }

    static CheckoutState Checkout(string state, DateTimeOffset lastStepAt) =>
        new() { OrderId = OrderId, CurrentState = state, Steps = [new CheckoutStepRecord("last", lastStepAt)] };

    static WriteSide Data((object Event, DateTimeOffset At)[] order, CheckoutState checkout,
        (object Event, DateTimeOffset At)[]? payment = null, (object Event, DateTimeOffset At)[]? reservation = null) => new()
    {
        Products = new Dictionary<string, Folded<Product>>(),
        Orders = Stream(order, e => MartenReplay.Fold<Order>(OrderId, e)),
        Payments = payment is null ? new Dictionary<string, Folded<Payment>>() : Stream(payment, e => MartenReplay.Fold<Payment>(OrderId, e)),
        Reservations = reservation is null ? new Dictionary<string, Folded<OrderReservation>>()
            : Stream(reservation, e => MartenReplay.Fold<OrderReservation>(OrderReservation.StreamKey(OrderId), e)),
        Checkouts = new Dictionary<string, CheckoutState> { [OrderId] = checkout },
        ProductViews = new Dictionary<string, ProductStock>(),
    };

    static Dictionary<string, Folded<T>> Stream<T>((object Event, DateTimeOffset At)[] events, Func<IReadOnlyList<object>, T> fold) =>
        new() { [OrderId] = new Folded<T>(OrderId, fold([.. events.Select(e => e.Event)]), [.. events.Select(Wrapped)]) };

    static IEvent Wrapped((object Event, DateTimeOffset At) e)
    {
        var wrapped = Event.For(e.Event);
        wrapped.Timestamp = e.At;
        return wrapped;
    }
}
