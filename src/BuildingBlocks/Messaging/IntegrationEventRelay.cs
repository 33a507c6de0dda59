using System.Diagnostics;
using Commerce.BuildingBlocks.Telemetry;
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
public sealed partial class IntegrationEventRelay<TStore>(IBus bus, IIntegrationEventMap<TStore> map, TimeProvider clock,
    ILogger<IntegrationEventRelay<TStore>> logger)
    : SubscriptionBase where TStore : IDocumentStore
{
    public const string SubscriptionName = "integration-relay";

    static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A page's streams go out concurrently, each stream's events one after another in commit order, and
    // the page counts as done (the checkpoint moves) only once every one of its messages is confirmed.
    // One confirm round trip per event, one event at a time, made the relay the checkout's bottleneck.
    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var streams = page.Events
            .Select(e => (Event: e, Message: map.Map(e)))
            .Where(m => m.Message is not null)
            .GroupBy(m => m.Event.StreamKey ?? m.Event.StreamId.ToString());
        var store = CommerceMetrics.Tags(("store", operations.DocumentStore.Options.Events.DatabaseSchemaName));
        await Task.WhenAll(streams.Select(stream => PublishInOrder(stream, store, cancellationToken)));
        return NullChangeListener.Instance;
    }

    async Task PublishInOrder(IEnumerable<(IEvent Event, object? Message)> stream, TagList store, CancellationToken cancellationToken)
    {
        foreach (var (e, message) in stream)
        {
            var started = Stopwatch.GetTimestamp();
            await PublishUntilAccepted(e, message!, cancellationToken);
            CommerceMetrics.RelayPublishDuration.Record(CommerceMetrics.SecondsSince(started), store);
            CommerceMetrics.RelayLag.Record(Math.Max(0, (clock.GetUtcNow() - e.Timestamp).TotalSeconds), store);
        }
    }

    async Task PublishUntilAccepted(IEvent e, object message, CancellationToken cancellationToken)
    {
        // The publish continues the trace that appended the event, not the daemon page's.
        using var span = Tracing.Continue($"relay {e.EventTypeName}", ActivityKind.Producer, e.GetHeader(Tracing.TraceParentHeader)?.ToString());
        span?.SetTag("commerce.stream", e.StreamKey);
        span?.SetTag("commerce.event_sequence", e.Sequence);
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
