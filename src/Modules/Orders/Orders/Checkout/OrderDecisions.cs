using Commerce.BuildingBlocks.Sagas;

namespace Commerce.Orders.Checkout;

// The checkout confirms or cancels the order itself, in the transaction that saves its own state
// (Orders' store is the saga's): no command to Orders and back through the relay. Decided on the
// order as it is at that commit; an order the customer has just cancelled is left as it is (the saga
// hears of that cancellation and compensates), and so is one already cancelled or confirmed.

public sealed record ConfirmOrderIfOpen(string OrderId, DateTimeOffset At) : StreamDecision<Order>
{
    public override IEnumerable<object> Decide(Order? order) => order is { IsOpen: true } ? ConfirmOrder.Decide(order, At) : [];
}

public sealed record CancelOrderIfOpen(string OrderId, string Reason, DateTimeOffset At) : StreamDecision<Order>
{
    public override IEnumerable<object> Decide(Order? order) => order is { IsOpen: true } ? [new OrderCancelled(order.Id, Reason, At)] : [];
}
