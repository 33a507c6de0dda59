using Commerce.BuildingBlocks.Messaging;
using Commerce.Orders.Contracts;
using JasperFx.Events;

namespace Commerce.Orders;

/// What Orders tells the other modules, from its committed events.
public sealed class OrdersIntegrationEvents : IIntegrationEventMap<IOrdersStore>
{
    public object? Map(IEvent e) => e.Data switch
    {
        OrderPlaced p => new OrderPlacedIntegrationEvent(p.OrderId, p.UserId,
            p.Lines.Select(l => new OrderLineContract(l.ProductId, l.Quantity, l.UnitPrice)).ToList(), p.Total, p.Currency, p.PaymentMethod, p.PlacedAt),
        OrderPaymentSubmitted s => new OrderPaymentSubmittedIntegrationEvent(s.OrderId, s.PaymentMethod, s.Amount, s.Currency, s.SubmittedAt),
        OrderCancelled c => new OrderCancelledIntegrationEvent(c.OrderId, c.Reason, c.CancelledAt),
        OrderConfirmed c => new OrderConfirmedIntegrationEvent(c.OrderId, c.ConfirmedAt),
        OrderShipped s => new OrderShippedIntegrationEvent(s.OrderId, s.TrackingNumber, s.ShippedAt),
        _ => null,
    };
}
