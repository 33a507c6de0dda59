using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Commerce.BuildingBlocks.Messaging;

/// Maps a module's committed domain events to the integration events of its Contracts (null: not
/// published).
public interface IIntegrationEventMap<TStore> where TStore : IDocumentStore
{
    object? Map(IEvent e);
}

/// The event store is the outbox: a durable, checkpointed Marten subscription per module store that
/// publishes what was committed. The checkpoint moves only after a page is published, so nothing is
/// lost while RabbitMQ is down; a page may go out twice after a crash, and the message id is the
/// event id so consumers can tell.
public sealed partial class IntegrationEventRelay<TStore>(IBus bus, IIntegrationEventMap<TStore> map, ILogger<IntegrationEventRelay<TStore>> logger)
    : SubscriptionBase where TStore : IDocumentStore
{
    public const string SubscriptionName = "integration-relay";

    static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (map.Map(e) is { } message) await PublishUntilAccepted(e, message, cancellationToken);
        }
        return NullChangeListener.Instance;
    }

    async Task PublishUntilAccepted(IEvent e, object message, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(AttemptTimeout);
            try
            {
                await bus.Publish(message, context => Stamp(context, e), attemptTimeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, ex, e.Sequence, e.StreamKey, attempt, backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    static void Stamp(PublishContext context, IEvent e)
    {
        context.MessageId = e.Id;
        context.Headers.Set(CommerceHeaders.CorrelationId, e.CorrelationId);
        context.Headers.Set(CommerceHeaders.CausationId, e.Id.ToString());
        context.Headers.Set(CommerceHeaders.UserId, e.UserName);
        context.Headers.Set(CommerceHeaders.StreamKey, e.StreamKey);
        context.Headers.Set(CommerceHeaders.StreamVersion, e.Version);
        context.Headers.Set(CommerceHeaders.EventSequence, e.Sequence);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Relay could not publish event {Sequence} of {Stream} (attempt {Attempt}); retrying in {Backoff}")]
    static partial void LogPublishFailed(ILogger logger, Exception exception, long sequence, string? stream, int attempt, TimeSpan backoff);
}
