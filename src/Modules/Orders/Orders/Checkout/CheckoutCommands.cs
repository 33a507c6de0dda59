using Commerce.BuildingBlocks.Messaging;
using JasperFx.Events;
using Marten;
using MassTransit;
using Wolverine.Marten;

namespace Commerce.Orders.Checkout;

/// Where the checkout sends Orders its own commands (they travel through RabbitMQ like the others,
/// so a crash between the saga and Orders loses nothing).
public static class OrdersQueues
{
    public const string Checkout = "orders.checkout";
    public const string Saga = "orders.checkout-saga";
}

public sealed record ConfirmOrderForCheckout(string OrderId, DateTimeOffset At);

public sealed record CancelOrderForCheckout(string OrderId, string Reason, DateTimeOffset At);

// Repeats and races change nothing: confirming a confirmed order, or an order the customer has
// just cancelled (the saga hears of that cancellation and compensates), appends nothing.
public static class ConfirmOrderForCheckoutHandler
{
    public static void Handle(ConfirmOrderForCheckout command, [WriteAggregate(Required = false)] IEventStream<Order> stream)
    {
        if (stream.Aggregate is { IsOpen: true } order) stream.AppendMany(ConfirmOrder.Decide(order, command.At));
    }
}

public static class CancelOrderForCheckoutHandler
{
    public static void Handle(CancelOrderForCheckout command, [WriteAggregate(Required = false)] IEventStream<Order> stream)
    {
        if (stream.Aggregate is { IsOpen: true } order) stream.AppendOne(new OrderCancelled(order.Id, command.Reason, command.At));
    }
}

public sealed class ConfirmOrderForCheckoutConsumer : IConsumer<ConfirmOrderForCheckout>
{
    public Task Consume(ConsumeContext<ConfirmOrderForCheckout> context) => Inbound.Handle(context, context.Message);
}

public sealed class CancelOrderForCheckoutConsumer : IConsumer<CancelOrderForCheckout>
{
    public Task Consume(ConsumeContext<CancelOrderForCheckout> context) => Inbound.Handle(context, context.Message);
}
