using System.Net;
using System.Text.Json;

namespace Commerce.IntegrationTests.Infrastructure;

/// A queue of a test's own in this run's virtual host, bound to one message type's exchange: it keeps a
/// copy of every such message published while it exists, for the test to read (and put back).
public sealed class MessageCopies : IAsyncDisposable
{
    readonly string vhost;

    public string Name { get; }

    MessageCopies(TestServices services, string name)
    {
        vhost = Uri.EscapeDataString(services.Name);
        Name = name;
    }

    /// Bound to MassTransit's exchange of the message type, e.g. "Commerce.Orders.Contracts:OrderPlacedIntegrationEvent".
    public static async Task<MessageCopies> Of(TestServices services, string exchange)
    {
        var queue = new MessageCopies(services, Api.NewId("copies"));
        await Send(HttpMethod.Put, $"api/exchanges/{queue.vhost}/{Uri.EscapeDataString(exchange)}", """{"type":"fanout","durable":true}""");
        await Send(HttpMethod.Put, $"api/queues/{queue.vhost}/{queue.Name}", """{"durable":false,"auto_delete":false}""");
        await Send(HttpMethod.Post, $"api/bindings/{queue.vhost}/e/{Uri.EscapeDataString(exchange)}/q/{queue.Name}", "{}");
        return queue;
    }

    /// The payloads of the messages waiting in the queue (they stay queued).
    public async Task<IReadOnlyList<string>> Payloads() => await Read(vhost, Name);

    /// Every message waiting in any queue of the virtual host, read and put back.
    public static async Task<IReadOnlyList<string>> EverywhereIn(TestServices services)
    {
        var vhost = Uri.EscapeDataString(services.Name);
        using var http = TestServices.RabbitApi();
        // An exclusive queue (a live bus's reply queue) cannot be read from outside its connection.
        var queues = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{vhost}")).RootElement.EnumerateArray()
            .Where(q => !(q.TryGetProperty("exclusive", out var exclusive) && exclusive.ValueKind == JsonValueKind.True))
            .Select(q => q.Str("name")).ToList();
        var payloads = new List<string>();
        foreach (var queue in queues) payloads.AddRange(await Read(vhost, queue));
        return payloads;
    }

    public async ValueTask DisposeAsync() => await Send(HttpMethod.Delete, $"api/queues/{vhost}/{Name}", null);

    static async Task<IReadOnlyList<string>> Read(string vhost, string queue)
    {
        using var http = TestServices.RabbitApi();
        var reply = await http.PostAsync($"api/queues/{vhost}/{Uri.EscapeDataString(queue)}/get",
            Json.Content("""{"count":100000,"ackmode":"ack_requeue_true","encoding":"auto","truncate":1000000}"""));
        if (reply.StatusCode == HttpStatusCode.NotFound) return [];
        Assert.True(reply.IsSuccessStatusCode, $"Reading {queue}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
        return [.. JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(m => m.Str("payload"))];
    }

    static async Task Send(HttpMethod method, string path, string? body)
    {
        using var http = TestServices.RabbitApi();
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Content(body) };
        var reply = await http.SendAsync(request);
        Assert.True(reply.IsSuccessStatusCode || (method == HttpMethod.Delete && reply.StatusCode == HttpStatusCode.NotFound),
            $"{method} {path}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
    }
}
