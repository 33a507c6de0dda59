using System.Net;
using System.Text;
using System.Text.Json;
using Alba;

namespace Commerce.IntegrationTests.Infrastructure;

/// How tests talk to the host: raw JSON in, status and JSON out, plus a look at the event tables. Every
/// request carries the caller's bearer token: staff (operator and admin) unless the test says who.
public sealed class Api(IAppUnderTest app, Caller? caller = null)
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public Caller Caller { get; } = caller ?? Caller.Staff;

    public Api As(Caller other) => new(app, other);

    public Api AsCustomer(string user) => As(Caller.Customer(user));

    public async Task<Reply> Post(string route, object body, params (string Name, string Value)[] headers) =>
        await PostRaw(route, JsonSerializer.Serialize(body), "application/json", headers);

    public Task<Reply> PostRaw(string route, string body, string contentType, params (string Name, string Value)[] headers) =>
        app.Send(HttpMethod.Post, route, body, contentType, WithToken(headers));

    public Task<Reply> Get(string route, params (string Name, string Value)[] headers) => app.Send(HttpMethod.Get, route, null, null, WithToken(headers));

    // A test that sends its own Authorization header (a malformed one, say) keeps it.
    (string Name, string Value)[] WithToken((string Name, string Value)[] headers) =>
        headers.Any(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) ? headers : [.. Caller.Headers(), .. headers];

    public async Task<long> EventCount(string schema, string streamKey) =>
        await Sql.Scalar<long>(app, $"SELECT count(*) FROM {schema}.mt_events WHERE stream_id = @id", ("id", streamKey));
}

public sealed record Reply(HttpStatusCode Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers, string Text)
{
    public static async Task<Reply> From(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        var body = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        var headers = result.Context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new Reply((HttpStatusCode)result.Context.Response.StatusCode, body, headers, text);
    }

    public static async Task<Reply> From(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, body, headers, text);
    }

    public string? Detail => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("detail", out var d) ? d.GetString() : null;

    public override string ToString() => $"{(int)Status} {Text}";
}

public static class Json
{
    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
    public static long Number(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
    public static decimal Dec(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();
    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");
}
