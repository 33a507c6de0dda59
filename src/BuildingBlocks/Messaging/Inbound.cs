using Commerce.BuildingBlocks.Commands;
using MassTransit;
using Wolverine;

namespace Commerce.BuildingBlocks.Messaging;

/// A thin MassTransit consumer hands the message to the module's own handler on Wolverine's bus,
/// carrying the correlation id on and naming the message as the cause of what follows.
public static class Inbound
{
    public static Task Handle<T>(ConsumeContext<T> context, object command) where T : class
    {
        var bus = context.GetPayload<IServiceProvider>().GetService(typeof(IMessageBus)) as IMessageBus
            ?? throw new InvalidOperationException("Wolverine's IMessageBus is not registered.");
        var options = new DeliveryOptions
        {
            CorrelationId = context.Headers.Get<string>(CommerceHeaders.CorrelationId),
            CausationId = context.MessageId?.ToString(),
        };
        options.Headers[EventMetadata.UserIdHeader] = context.Headers.Get<string>(CommerceHeaders.UserId) ?? "system";
        return bus.InvokeCommandAsync(command, options, context.CancellationToken);
    }
}
