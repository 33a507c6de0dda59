using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Bench.Infrastructure;

/// RabbitMQ with nothing of ours on top, in the bench's virtual host: the raw publish -> consume round
/// trip (durable queue, persistent messages, publisher confirms: what MassTransit does for us), and a
/// probe queue bound to an integration event's exchange to see when the relay's messages arrive.
public sealed class Rabbit : IAsyncDisposable
{
    readonly IConnection connection;
    readonly IChannel consuming;
    readonly List<IChannel> publishing = [];
    readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();
    long next;

    Rabbit(IConnection connection, IChannel consuming)
    {
        this.connection = connection;
        this.consuming = consuming;
    }

    public static async Task<Rabbit> Connect(string vhost)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", VirtualHost = vhost, UserName = "guest", Password = "guest" };
        var connection = await factory.CreateConnectionAsync("commerce-bench");
        return new Rabbit(connection, await connection.CreateChannelAsync());
    }

    /// Declares the round-trip queue and `publishers` confirming channels; then RoundTrip(w) publishes
    /// one message on channel w and waits until the consumer has it.
    public async Task StartRoundTrips(int publishers)
    {
        const string queue = "bench.round-trip";
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consuming.BasicQosAsync(0, 500, false);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.MessageId is { } id && waiting.TryRemove(id, out var done)) done.TrySetResult();
            return Task.CompletedTask;
        };
        await consuming.BasicConsumeAsync(queue, autoAck: true, consumer);
        for (var i = publishing.Count; i < publishers; i++)
        {
            publishing.Add(await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        }
    }

    public async Task<bool> RoundTrip(int publisher)
    {
        var id = Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = done;
        var body = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","payload":"{{new string('x', 200)}}"}""");
        await publishing[publisher].BasicPublishAsync("", "bench.round-trip", false, new BasicProperties { MessageId = id, Persistent = true }, body);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return true;
    }

    /// Binds a queue of ours to the exchange MassTransit publishes `messageType` to, and calls `seen` with
    /// the message's `field` (e.g. the order id) and the time it arrived.
    public async Task Probe(string exchange, string field, Action<string, DateTimeOffset> seen)
    {
        var channel = await connection.CreateChannelAsync();
        var queue = $"bench.probe.{exchange.Replace(':', '.')}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue, exchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var at = TimeProvider.System.GetUtcNow();
            using var envelope = JsonDocument.Parse(delivery.Body);
            if (envelope.RootElement.TryGetProperty("message", out var message) && message.TryGetProperty(field, out var value))
                seen(value.GetString()!, at);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        publishing.Add(channel);
    }

    /// Messages ready in the named queues (exact, unlike the management API's sampled figures).
    public async Task<long> Ready(IEnumerable<string> queues)
    {
        long total = 0;
        foreach (var queue in queues)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                total += (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
            }
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in publishing) await channel.DisposeAsync();
        await consuming.DisposeAsync();
        await connection.DisposeAsync();
    }
}
