using System.Text.Json;

namespace Commerce.IntegrationTests.Infrastructure;

/// The admin's live feed (SSE), read until the first event a test is looking for.
public static class LiveFeed
{
    /// The first event of `route` (with its filters) that matches, and its event id; from Last-Event-ID
    /// when given.
    public static async Task<(string Id, JsonElement Event)> First(AppFixture app, string route, Func<JsonElement, bool> match, string? lastEventId = null)
    {
        using var client = app.Host.Server.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.Add("Authorization", $"Bearer {Caller.Admin.Bearer()}");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? id = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = JsonDocument.Parse(line[6..]).RootElement.Clone();
            if (match(data)) return (id!, data);
        }
        throw new InvalidOperationException("The stream ended.");
    }
}
