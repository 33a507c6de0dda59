using System.Text.Json;

namespace Commerce.IntegrationTests.Infrastructure;

/// Asks RabbitMQ's management API about this run's virtual host: to know that every message sent so
/// far was handled (nothing ready, nothing unacknowledged, several times in a row) before asserting
/// that something did NOT happen, and to read the error queues.
public sealed class Queues(IAppUnderTest app)
{
    public async Task Drained(TimeSpan? deadline = null)
    {
        var quietRounds = 0;
        await Poll.Until(async () =>
        {
            quietRounds = await Busy() == 0 ? quietRounds + 1 : 0;
            return quietRounds;
        }, rounds => rounds >= 5, deadline ?? TimeSpan.FromSeconds(30), "all queues drained");
    }

    public async Task<long> Messages(string queue)
    {
        using var http = TestServices.RabbitApi();
        var reply = await http.GetAsync($"api/queues/{Uri.EscapeDataString(app.Services.Name)}/{Uri.EscapeDataString(queue)}");
        if (!reply.IsSuccessStatusCode) return 0;
        var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
        return body.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
    }

    /// Messages waiting in this run's error queues, by queue.
    public async Task<IReadOnlyDictionary<string, long>> InErrorQueues()
    {
        using var http = TestServices.RabbitApi();
        var json = await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(app.Services.Name)}");
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => Count(q, "messages"));
    }

    async Task<long> Busy()
    {
        using var http = TestServices.RabbitApi();
        var json = await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(app.Services.Name)}");
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(q => !q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .Sum(q => Count(q, "messages_ready") + Count(q, "messages_unacknowledged"));
    }

    static long Count(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
