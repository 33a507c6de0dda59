using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

/// A queue's dead letters in this run's virtual host, read live through the management API (its
/// queue statistics lag by seconds; a get that requeues does not), raw messages a broken producer
/// might write, and the operator's replay with eng/redrive.sh.
public sealed class PoisonMessages(AppFixture app)
{
    public sealed record DeadLetter(string? MessageId, IReadOnlyDictionary<string, string> Headers, string Payload)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
    }

    string Vhost => Uri.EscapeDataString(app.Services.Name);

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
    public async Task Redrive(string queue)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "eng", "redrive.sh"), app.Services.Name, queue])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.GetEnvironmentVariable("COMMERCE_TEST_RABBIT_API") is { } api) start.Environment["RABBITMQ_API"] = api.TrimEnd('/');
        using var process = Process.Start(start) ?? throw new InvalidOperationException("eng/redrive.sh could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(process.ExitCode == 0, $"eng/redrive.sh exited with {process.ExitCode}: {await output}{await errors}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "eng", "redrive.sh"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No eng/redrive.sh above {AppContext.BaseDirectory}.");
    }
}
