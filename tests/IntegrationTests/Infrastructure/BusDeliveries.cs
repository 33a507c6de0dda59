using System.Collections.Concurrent;
using MassTransit;

namespace Commerce.IntegrationTests.Infrastructure;

/// The tests' one watcher of the host's bus: records every message it consumed for the orders or
/// products a test follows, and delivers messages to a queue, a new one or one of those again as
/// RabbitMQ would redeliver it (same message id and headers). A delivery returns once its copies and
/// every command they caused were handled (consume observers sit outside the consumers' retries), so
/// the test can then check what changed without sleeping.
public sealed class BusDeliveries : IConsumeObserver, ISendObserver, IDisposable
{
    const string CopyHeader = "test-redelivery";
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    readonly IBus bus;
    readonly ConnectHandle consuming;
    readonly ConnectHandle sending;
    readonly ConcurrentDictionary<string, byte> followed = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<Delivery> consumed = new();
    readonly ConcurrentDictionary<Guid, Redelivery> running = new();
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<string?>> watched = new();

    public BusDeliveries(IBus bus)
    {
        this.bus = bus;
        consuming = bus.ConnectConsumeObserver(this);
        sending = bus.ConnectSendObserver(this);
    }

    public void Follow(string key) => followed.TryAdd(key, 0);

    /// Every message consumed for the key, once per queue and message id, in the order consumed.
    public IReadOnlyList<Delivery> Of(string key) => [.. consumed.Where(d => d.Key == key).DistinctBy(d => (d.Queue, d.MessageId))];

    /// Delivers the message `copies` times at once and waits until they and the commands they caused
    /// were handled; returns what failed for good on the way.
    public async Task<IReadOnlyList<string>> Deliver(Delivery delivery, int copies = 1)
    {
        var conversation = Guid.NewGuid();
        var redelivery = running[conversation] = new Redelivery(delivery.MessageId, copies);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{delivery.Queue}"));
            await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => endpoint.Send(delivery.Message, send =>
            {
                send.MessageId = delivery.MessageId;
                send.ConversationId = conversation;
                foreach (var (name, value) in delivery.Headers) send.Headers.Set(name, value);
                send.Headers.Set(CopyHeader, conversation.ToString());
            })));
            await redelivery.Done.Task.WaitAsync(Deadline);
            return [.. redelivery.Faults];
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{delivery} was not handled within {Deadline} " +
                $"({redelivery.CopiesLeft} copies and {redelivery.Pending.Count} commands it caused still open).");
        }
        finally
        {
            running.TryRemove(conversation, out _);
        }
    }

    /// Sends a new message and waits until it and what it caused were handled; a fault fails the test.
    public async Task Handled(string queue, object message, params (string Name, string Value)[] headers)
    {
        var faults = await Deliver(Delivery.New(queue, message, headers));
        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    /// Sends a new message that must fail for good (after its retries); returns why it failed.
    public async Task<string> Failed(string queue, object message) =>
        await Deliver(Delivery.New(queue, message)) is [var fault, ..]
            ? fault
            : throw new Xunit.Sdk.XunitException($"{message.GetType().Name} was expected to fail but was handled.");

    /// The next outcome of a message, however it is delivered (a replay by eng/redrive.sh too): null
    /// once it is handled, else why it failed.
    public Task<string?> NextOutcome(Guid messageId) =>
        watched.GetOrAdd(messageId, _ => new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Watched(context, null);
        if (!Settle(context, null) && Delivery.KeyOf(context.Message) is { } key && followed.ContainsKey(key))
        {
            consumed.Enqueue(new Delivery(context.ReceiveContext.InputAddress.Segments[^1], context.MessageId ?? Guid.Empty, context.Message,
                [.. context.Headers.GetAll().Where(h => h.Key.StartsWith("commerce-", StringComparison.Ordinal))]));
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Watched(context, exception.Message);
        Settle(context, $"{typeof(T).Name} on {context.ReceiveContext.InputAddress.Segments[^1]} failed: {exception.Message}");
        return Task.CompletedTask;
    }

    // Commands a redelivered message causes carry its conversation id (and MassTransit copies its
    // headers onto them): each is awaited until handled.
    public Task PreSend<T>(SendContext<T> context) where T : class
    {
        if (context.ConversationId is { } conversation && running.TryGetValue(conversation, out var redelivery)
            && context.MessageId is { } id && id != redelivery.MessageId)
            redelivery.Pending.TryAdd(id, 0);
        return Task.CompletedTask;
    }

    public Task PostSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class
    {
        Settle(context.ConversationId, context.MessageId, copyHeader: false, $"sending {typeof(T).Name} failed: {exception.Message}");
        return Task.CompletedTask;
    }

    void Watched(ConsumeContext context, string? fault)
    {
        if (context.MessageId is { } id && watched.TryRemove(id, out var outcome)) outcome.TrySetResult(fault);
    }

    bool Settle(ConsumeContext context, string? fault) =>
        Settle(context.ConversationId, context.MessageId, context.Headers.TryGetHeader(CopyHeader, out _), fault);

    // Returns whether the message belonged to a redelivery (a copy or a command it caused).
    bool Settle(Guid? conversation, Guid? messageId, bool copyHeader, string? fault)
    {
        if (conversation is not { } c || !running.TryGetValue(c, out var redelivery)) return copyHeader;
        if (fault is not null) redelivery.Faults.Enqueue(fault);
        if (messageId == redelivery.MessageId) Interlocked.Decrement(ref redelivery.CopiesLeft);
        else if (messageId is { } id) redelivery.Pending.TryRemove(id, out _);
        if (Volatile.Read(ref redelivery.CopiesLeft) <= 0 && redelivery.Pending.IsEmpty) redelivery.Done.TrySetResult();
        return true;
    }

    public void Dispose()
    {
        consuming.Disconnect();
        sending.Disconnect();
    }

    sealed class Redelivery(Guid messageId, int copies)
    {
        public Guid MessageId => messageId;
        public int CopiesLeft = copies;
        public ConcurrentDictionary<Guid, byte> Pending { get; } = new();
        public ConcurrentQueue<string> Faults { get; } = new();
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// One message as the host consumed it from a queue.
public sealed record Delivery(string Queue, Guid MessageId, object Message, IReadOnlyList<KeyValuePair<string, object>> Headers)
{
    public string Key => KeyOf(Message) ?? "";

    public string Name => $"{Message.GetType().Name}@{Queue}";

    public static Delivery New(string queue, object message, params (string Name, string Value)[] headers) =>
        new(queue, Guid.NewGuid(), message, [.. headers.Select(h => new KeyValuePair<string, object>(h.Name, h.Value))]);

    // Every checkout message names its order; the catalog's name their product.
    public static string? KeyOf(object message) =>
        (message.GetType().GetProperty("OrderId") ?? message.GetType().GetProperty("ProductId"))?.GetValue(message) as string;

    public override string ToString() => Name;
}
