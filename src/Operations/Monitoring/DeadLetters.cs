using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Messaging;

namespace Commerce.Operations.Monitoring;

public sealed record DeadLetterCount(string Queue, string ErrorQueueName, long Messages);

public sealed record ReplayResponse(string Queue, long Replayed);

/// The dead letters of this host's virtual host, through RabbitMQ's management API: each `<queue>_error`
/// with its count, and the operator's replay, which moves an error queue's messages back to their queue
/// as eng/redrive.sh does (a dynamic shovel that deletes itself once it has moved as many messages as
/// the error queue held when it started, so a message that fails again stays parked, no loop).
public sealed class DeadLetters(RabbitMqSettings rabbit)
{
    const string Suffix = "_error";
    static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(60);

    readonly HttpClient http = Client(rabbit);

    string Vhost => Uri.EscapeDataString(rabbit.VirtualHost);

    public Task<IReadOnlyList<DeadLetterCount>> ErrorQueues(CancellationToken ct) => Answered(async () =>
    {
        var queues = await http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{Vhost}?columns=name,messages", ct) ?? [];
        return (IReadOnlyList<DeadLetterCount>)[.. queues.Where(q => q.Name.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(q => new DeadLetterCount(q.Name[..^Suffix.Length], q.Name, q.Messages ?? 0))
            .OrderBy(q => q.Queue, StringComparer.Ordinal)];
    }, ct);

    public Task<ReplayResponse> Replay(string queue, CancellationToken ct) => Answered(async () =>
    {
        // A typo must not make the shovel declare a new queue that swallows the replayed messages.
        if (await Queue(queue, ct) is null) throw new NotFoundException($"No queue '{queue}' in virtual host '{rabbit.VirtualHost}'.");
        if (await Queue(queue + Suffix, ct) is not { } error) return new ReplayResponse(queue, 0);
        // Two replays at once would move a message that failed again straight back a second time.
        var prefix = $"replay-{queue}-";
        var running = await http.GetFromJsonAsync<List<ShovelInfo>>($"api/parameters/shovel/{Vhost}", ct) ?? [];
        if (running.Any(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)))
            throw new DomainException($"A replay of '{queue}{Suffix}' is already running; wait for it to finish.");
        var name = Uri.EscapeDataString($"{prefix}{Guid.NewGuid():N}");
        var uri = $"amqp:///{Vhost}";
        var shovel = new Dictionary<string, object>
        {
            ["value"] = new Dictionary<string, object>
            {
                ["src-protocol"] = "amqp091", ["src-uri"] = uri, ["src-queue"] = queue + Suffix, ["src-delete-after"] = "queue-length",
                ["dest-protocol"] = "amqp091", ["dest-uri"] = uri, ["dest-queue"] = queue,
                ["dest-add-forward-headers"] = false, ["ack-mode"] = "on-confirm",
            },
        };
        using (var created = await http.PutAsJsonAsync($"api/parameters/shovel/{Vhost}/{name}", shovel, ct)) created.EnsureSuccessStatusCode();
        // The shovel removes itself once it has moved what the error queue held when it started.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ReplayTimeout);
        try
        {
            while (true)
            {
                using var state = await http.GetAsync($"api/parameters/shovel/{Vhost}/{name}", deadline.Token);
                if (state.StatusCode == HttpStatusCode.NotFound) break;
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            using var _ = await http.DeleteAsync($"api/parameters/shovel/{Vhost}/{name}", CancellationToken.None);
            throw new BrokerManagementException($"Replaying '{queue}{Suffix}' did not finish within {ReplayTimeout.TotalSeconds} s; " +
                "the shovel was stopped and the messages not moved yet stay parked.");
        }
        // As the queue's statistics counted them when the replay started (they lag by a moment).
        return new ReplayResponse(queue, error.Messages ?? 0);
    }, ct);

    // Whatever the management API does wrong is its problem, not the database's (which an unreachable
    // socket would otherwise be taken for): a 502 that says so.
    async Task<T> Answered<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new BrokerManagementException($"RabbitMQ's management API at {http.BaseAddress} did not answer as expected: {e.Message}", e);
        }
    }

    async Task<QueueInfo?> Queue(string name, CancellationToken ct)
    {
        using var reply = await http.GetAsync($"api/queues/{Vhost}/{Uri.EscapeDataString(name)}", ct);
        if (reply.StatusCode == HttpStatusCode.NotFound) return null;
        reply.EnsureSuccessStatusCode();
        return await reply.Content.ReadFromJsonAsync<QueueInfo>(ct);
    }

    static HttpClient Client(RabbitMqSettings rabbit)
    {
        var client = new HttpClient { BaseAddress = rabbit.ManagementApi, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.Username}:{rabbit.Password}")));
        return client;
    }

    sealed record QueueInfo([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("messages")] long? Messages);

    sealed record ShovelInfo([property: JsonPropertyName("name")] string Name);
}
