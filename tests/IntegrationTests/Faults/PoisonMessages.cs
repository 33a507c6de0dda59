using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

/// A queue's dead letters in this run's virtual host, read live through the management API (its
/// queue statistics lag by seconds; a get that requeues does not), raw messages a broken producer
/// might write, and the operator's replay with eng/redrive.sh.
public sealed class PoisonMessages(TestServices services)
{
    public sealed record DeadLetter(string? MessageId, IReadOnlyDictionary<string, string> Headers, string Payload)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
    }

    string Vhost => Uri.EscapeDataString(services.Name);

    public async Task<IReadOnlyList<DeadLetter>> DeadLetters(string queue)
    {
        using var http = TestServices.RabbitApi();
        var reply = await http.PostAsync($"api/queues/{Vhost}/{Uri.EscapeDataString(queue + "_error")}/get",
            Json.Content("""{"count":1000,"ackmode":"ack_requeue_true","encoding":"auto","truncate":50000}"""));
        if (reply.StatusCode == HttpStatusCode.NotFound) return [];
        reply.EnsureSuccessStatusCode();
        return [.. JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(m =>
        {
            var properties = m.GetProperty("properties");
            var headers = properties.TryGetProperty("headers", out var h)
                ? h.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                : [];
            return new DeadLetter(properties.TryGetProperty("message_id", out var id) ? id.GetString() : null, headers, m.Str("payload"));
        })];
    }

    public async Task<DeadLetter> DeadLettered(string queue, Guid messageId) =>
        (await Poll.Until(async () => (await DeadLetters(queue)).FirstOrDefault(d => d.MessageId == messageId.ToString()), d => d is not null,
            what: $"message {messageId} in {queue}_error"))!;

    /// Writes bytes straight to a queue, as a producer that does not use MassTransit (or a broken one) would.
    public async Task Publish(string queue, Guid messageId, string body)
    {
        using var http = TestServices.RabbitApi();
        var request = JsonSerializer.Serialize(new
        {
            properties = new { message_id = messageId.ToString(), content_type = "application/vnd.masstransit+json", delivery_mode = 2 },
            routing_key = queue, payload = body, payload_encoding = "string",
        });
        var reply = await http.PostAsync($"api/exchanges/{Vhost}/amq.default/publish", Json.Content(request));
        reply.EnsureSuccessStatusCode();
        Assert.Contains("\"routed\":true", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// What an operator runs once the cause is fixed: eng/redrive.sh against this run's virtual host.
    public Task Redrive(string queue) =>
        Scripts.Run("redrive.sh", [services.Name, queue],
            Environment.GetEnvironmentVariable("COMMERCE_TEST_RABBIT_API") is { } api ? new Dictionary<string, string> { ["RABBITMQ_API"] = api.TrimEnd('/') } : null);
}
