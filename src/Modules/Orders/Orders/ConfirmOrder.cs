using Commerce.BuildingBlocks.Errors;
using Wolverine.Marten;

namespace Commerce.Orders;

/// The checkout confirms an order once stock is reserved and payment charged.
public static class ConfirmOrder
{
    public static Events Decide(Order order, DateTimeOffset now) =>
        order.Status switch
        {
            OrderStatus.Placed or OrderStatus.AwaitingPayment => [new OrderConfirmed(order.Id, order.Total, order.Currency, order.Lines.Sum(l => l.Quantity), now)],
            OrderStatus.Confirmed => throw new DomainException($"Order '{order.Id}' is already confirmed."),
            _ => throw new DomainException($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; it cannot be confirmed."),
        };
}
