using Commerce.BuildingBlocks.Messaging;
using Commerce.Inventory.Contracts;
using Commerce.Payments.Contracts;
using JasperFx.Events;
using MassTransit;
using Wolverine.Marten;

namespace Commerce.Orders.Checkout;

/// A checkout step another module reported, to be written on the order's own stream once.
public sealed record RecordCheckoutStep(string OrderId, object Step);

public static class RecordCheckoutStepHandler
{
    public static void Handle(RecordCheckoutStep command, [WriteAggregate(Required = false)] IEventStream<Order> stream)
    {
        if (stream.Aggregate is { } order && !order.HasStep(command.Step.GetType().Name)) stream.AppendOne(command.Step);
    }
}

public sealed class CheckoutStepConsumer :
    IConsumer<StockReservedIntegrationEvent>,
    IConsumer<StockReservationFailedIntegrationEvent>,
    IConsumer<StockReleasedIntegrationEvent>,
    IConsumer<PaymentChargedIntegrationEvent>,
    IConsumer<PaymentDeclinedIntegrationEvent>,
    IConsumer<PaymentRefundedIntegrationEvent>
{
    public Task Consume(ConsumeContext<StockReservedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutStockReserved(context.Message.OrderId, context.Message.ReservedAt));

    public Task Consume(ConsumeContext<StockReservationFailedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutStockReservationFailed(context.Message.OrderId, context.Message.Reason, context.Message.FailedAt));

    public Task Consume(ConsumeContext<StockReleasedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutStockReleased(context.Message.OrderId, context.Message.ReleasedAt));

    public Task Consume(ConsumeContext<PaymentChargedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutPaymentCharged(context.Message.OrderId, context.Message.Amount, context.Message.ChargedAt));

    public Task Consume(ConsumeContext<PaymentDeclinedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutPaymentDeclined(context.Message.OrderId, context.Message.Reason, context.Message.DeclinedAt));

    public Task Consume(ConsumeContext<PaymentRefundedIntegrationEvent> context) =>
        Record(context, context.Message.OrderId, new CheckoutPaymentRefunded(context.Message.OrderId, context.Message.Amount, context.Message.RefundedAt));

    static Task Record<T>(ConsumeContext<T> context, string orderId, object step) where T : class =>
        Inbound.Handle(context, new RecordCheckoutStep(orderId, step));
}
