using System.Runtime.CompilerServices;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Fills a case's placeholders: fresh ids for every send, plus a product that exists in both modules'
/// catalogs (made once per host) and, when a case asks for one, a fresh order of the known customer
/// still waiting for payment.
public sealed class Known(AppFixture app)
{
    /// The customer the cases act as, and whose orders the access cases try to reach as someone else.
    public const string Customer = "user-bad-input";
    public const decimal SkuPrice = 9.50m;
    public const string SkuPriceJson = "9.50";

    static readonly ConditionalWeakTable<AppFixture, Lazy<Task<string>>> Skus = [];

    readonly List<string> commandIds = [];

    /// The command ids this send used, to look for processed-command documents afterwards.
    public IReadOnlyList<string> CommandIds => commandIds;

    /// A caller the route admits: the customer for the routes only a customer may call, staff (operator
    /// and admin) for the rest. A case about a body or a query is then refused for that alone.
    public static Caller CallerFor(string url) =>
        CustomerRoutes.Any(r => url.StartsWith(r, StringComparison.Ordinal)) ? Caller.Customer(Customer) : Caller.Staff;

    static readonly string[] CustomerRoutes = ["/api/v1/commands/create-order", "/api/v1/commands/process-payment", "/api/v1/commands/cancel-order"];

    public Task<string> Sku() =>
        Skus.GetValue(app, a => new Lazy<Task<string>>(() => new Catalog(a).Listed(SkuPrice, stock: 100_000))).Value;

    public async Task<Attempt> Fill(Attempt attempt)
    {
        var values = new Dictionary<string, Func<Task<string>>>
        {
            ["{cmd}"] = () => Task.FromResult(Remember(Api.NewId("cmd-bad"))),
            ["{sku}"] = Sku,
            ["{new_sku}"] = () => Task.FromResult(Api.NewId("sku-bad")),
            ["{new_user}"] = () => Task.FromResult(Api.NewId("user-bad")),
            ["{unknown_sku}"] = () => Task.FromResult(Api.NewId("sku-unknown")),
            ["{unknown_order}"] = () => Task.FromResult(Api.NewId("order-unknown")),
            ["{open_order}"] = async () => await new Shop(app).Order(await Sku(), 1, paymentMethod: null, user: Customer),
        };
        foreach (var (token, value) in values.Where(v => Holds(attempt, v.Key)))
        {
            var id = await value.Invoke();
            attempt = attempt with
            {
                Url = attempt.Url.Replace(token, id, StringComparison.Ordinal),
                Body = attempt.Body?.Replace(token, id, StringComparison.Ordinal),
                Headers = [.. (attempt.Headers ?? []).Select(h => (h.Name, h.Value.Replace(token, id, StringComparison.Ordinal)))],
            };
        }
        foreach (var (_, key) in (attempt.Headers ?? []).Where(h => h.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
        {
            Remember(key);
        }
        if (CommandIdIn(attempt.Body) is { } sent) Remember(sent);
        return attempt;
    }

    static bool Holds(Attempt attempt, string token) =>
        attempt.Url.Contains(token, StringComparison.Ordinal) || attempt.Body?.Contains(token, StringComparison.Ordinal) == true
        || (attempt.Headers ?? []).Any(h => h.Value.Contains(token, StringComparison.Ordinal));

    static string? CommandIdIn(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(body ?? "");
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("command_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;   // not JSON, or an id with a lone surrogate: not one the server could store
        }
    }

    string Remember(string id)
    {
        commandIds.Add(id);
        return id;
    }
}
