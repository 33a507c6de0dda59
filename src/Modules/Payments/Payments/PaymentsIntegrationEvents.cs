using Commerce.BuildingBlocks.Messaging;
using Commerce.Payments.Contracts;
using JasperFx.Events;

namespace Commerce.Payments;

/// What Payments tells the other modules, from its committed events. A refund request or a gateway
/// timeout settles nothing, so neither is published.
public sealed class PaymentsIntegrationEvents : IIntegrationEventMap<IPaymentsStore>
{
    public object? Map(IEvent e) => e.Data switch
    {
        PaymentCharged c => new PaymentChargedIntegrationEvent(c.OrderId, c.Amount, c.Currency, c.GatewayReference, c.ChargedAt),
        PaymentDeclined d => new PaymentDeclinedIntegrationEvent(d.OrderId, d.Reason, d.DeclinedAt),
        PaymentRefunded r => new PaymentRefundedIntegrationEvent(r.OrderId, r.Amount, r.Reason, r.RefundedAt),
        _ => null,
    };
}
