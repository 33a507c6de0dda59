using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using Commerce.Orders.Contracts;
using Commerce.Payments.Contracts;
using MassTransit;

namespace Commerce.Orders.Checkout;

public static class OrdersQueues
{
    public const string Saga = "orders.checkout-saga";
}

/// The checkout's endpoint: one order's messages at a time on this host (partitioned by order),
/// optimistic concurrency across hosts (a lost race is retried against the fresh state), and
/// commands sent only after the new state is saved (in-memory outbox).
public sealed class CheckoutSagaDefinition : SagaDefinition<CheckoutState>
{
    public CheckoutSagaDefinition() => EndpointName = OrdersQueues.Saga;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CheckoutState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Conflicts' rounds, for any failure but an unreachable database (left to the bus-wide
        // outage retry, minutes): the saga's state may already be saved when a command's send fails,
        // and running the message again is what re-sends it (every state answers a repeat).
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(ProblemDetailsMapping.IsDatabaseUnavailable);
            r.Intervals(Conflicts.Intervals);
        });
        endpointConfigurator.UseInMemoryOutbox(context);
        var partitioner = endpointConfigurator.CreatePartitioner(16);
        endpointConfigurator.UsePartitioner<OrderPlacedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<OrderPaymentSubmittedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<OrderCancelledIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<OrderConfirmedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<StockReservedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<StockReservationFailedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<PaymentChargedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<PaymentDeclinedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<CheckoutDeadlinePassed>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<StockReleasedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
        endpointConfigurator.UsePartitioner<PaymentRefundedIntegrationEvent>(partitioner, c => CheckoutKey.For(c.Message.OrderId));
    }
}
