using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Commerce.BuildingBlocks.Http;
using Commerce.Host.Tokens;

namespace Commerce.Bench.Infrastructure;

/// The load generator's side of the HTTP API: lists a catalog, places orders, reads them back, each as
/// the host would see a real caller: an operator for the catalog, 200 customers for their own orders.
public sealed class Shopper : IDisposable
{
    const int Users = 200;
    const string Email = "shopper@example.test";

    /// Where every bench order is delivered to (create-order requires an email and an address).
    static readonly object Address = new { name = "Bench Shopper", line1 = "1 Load Lane", city = "London", postal_code = "N1 9GU", country = "GB" };

    readonly HttpClient http;
    readonly string[] skus;
    readonly string operatorToken;
    readonly Dictionary<string, string> customerTokens;
    long placed;

    public Shopper(Uri address, int products, AuthSettings auth)
    {
        // Minted once, for longer than any run: a token costs the host a signature check per request,
        // as a real client's does, but minting is not what the bench measures.
        var lifetime = TimeSpan.FromHours(12);
        operatorToken = DevTokens.Issue(auth, TimeProvider.System, "bench-operator", [Access.Operator], lifetime);
        customerTokens = Enumerable.Range(0, Users).Select(i => $"bench-user-{i}")
            .ToDictionary(user => user, user => DevTokens.Issue(auth, TimeProvider.System, user, [Access.Customer], lifetime));
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        skus = [.. Enumerable.Range(0, products).Select(i => $"bench-sku-{i}")];
    }

    /// Orders placed and accepted, with their users, for the read row.
    public ConcurrentBag<(string OrderId, string UserId)> Orders { get; } = [];

    public async Task ListCatalog(string connectionString)
    {
        foreach (var sku in skus)
        {
            if (await Post("/api/v1/commands/add-product", new { command_id = $"cmd-add-{sku}", product_id = sku, name = $"Bench {sku}", price = 9.50m, currency = "EUR" })
                    != HttpStatusCode.Accepted
                || await Post("/api/v1/commands/receive-stock", new { command_id = $"cmd-stock-{sku}", product_id = sku, quantity = 1_000_000 })
                    != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"The host refused to list {sku}.");
            }
        }
        // Orders' copy of the catalog is fed through RabbitMQ: wait until it has every product.
        var until = TimeProvider.System.GetUtcNow().AddSeconds(60);
        // (The in-process phase before this one fed that table too, so count these products only.)
        var ids = string.Join(",", skus.Select(s => $"'{s}'"));
        while (await BenchServices.Scalar<long>(connectionString,
                   $"SELECT CASE WHEN to_regclass('orders.mt_doc_catalogproduct') IS NULL THEN 0 ELSE (SELECT count(*) FROM orders.mt_doc_catalogproduct WHERE id IN ({ids})) END") < skus.Length)
        {
            if (TimeProvider.System.GetUtcNow() > until) throw new TimeoutException("Orders' catalog never received the bench's products.");
            await Task.Delay(200);
        }
    }

    /// A new product, listed without stock: its id.
    public async Task<string> AddProduct()
    {
        var sku = $"bench-new-{Guid.NewGuid():N}";
        var status = await Post("/api/v1/commands/add-product", new { command_id = $"cmd-add-{sku}", product_id = sku, name = $"Bench {sku}", price = 9.50m, currency = "EUR" });
        return status == HttpStatusCode.Accepted ? sku : throw new HttpRequestException($"add-product answered {(int)status}");
    }

    public async Task ReceiveStock(string sku, int quantity)
    {
        var status = await Post("/api/v1/commands/receive-stock", new { command_id = $"cmd-{Guid.NewGuid():N}", product_id = sku, quantity });
        if (status != HttpStatusCode.Accepted) throw new HttpRequestException($"receive-stock answered {(int)status}");
    }

    /// Whether Orders' copy of the catalog has the product (create-order then accepts it).
    public static async Task<bool> InOrdersCatalog(string connectionString, string sku) =>
        await BenchServices.Scalar<long>(connectionString, $"SELECT count(*) FROM orders.mt_doc_catalogproduct WHERE id = '{sku}'") > 0;

    public async Task<string> Text(string route)
    {
        using var response = await Send(HttpMethod.Get, route, null, operatorToken);
        return await response.Content.ReadAsStringAsync();
    }

    /// The order's status in order details (an inline projection: current when the command answers).
    public async Task<string?> OrderStatus(string orderId)
    {
        using var response = await Send(HttpMethod.Get, $"/api/v1/query/order-details/{orderId}", null, operatorToken);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString();
    }

    /// One create-order: the order id when accepted (202); otherwise throws with the answer, which the
    /// load counts as an error and prints the first of.
    public async Task<string?> PlaceOrder(string? paymentMethod, string? sku = null)
    {
        var n = Interlocked.Increment(ref placed);
        var user = $"bench-user-{n % Users}";
        var orderId = $"order-bench-{Guid.NewGuid():N}";
        var (status, answer) = await Post("/api/v1/commands/create-order", new
        {
            command_id = $"cmd-{Guid.NewGuid():N}", aggregate_id = orderId, user_id = user,
            items = new[] { new { product_id = sku ?? skus[n % skus.Length], quantity = 1 } }, payment_method = paymentMethod,
            email = Email, shipping_address = Address,
        }, customerTokens[user]);
        if (status != HttpStatusCode.Accepted) throw new HttpRequestException($"create-order answered {(int)status}: {answer[..Math.Min(200, answer.Length)]}");
        Orders.Add((orderId, user));
        return orderId;
    }

    /// A read as the customer who placed the order, so it pays the owner check a customer's read pays.
    public async Task<bool> Get(string route, string user)
    {
        using var response = await Send(HttpMethod.Get, route, null, customerTokens[user]);
        return response.StatusCode == HttpStatusCode.OK;
    }

    async Task<HttpStatusCode> Post(string route, object body) => (await Post(route, body, operatorToken)).Status;

    async Task<(HttpStatusCode Status, string Answer)> Post(string route, object body, string token)
    {
        using var response = await Send(HttpMethod.Post, route, JsonSerializer.Serialize(body), token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    async Task<HttpResponseMessage> Send(HttpMethod method, string route, string? json, string token)
    {
        using var request = new HttpRequestMessage(method, new Uri(route, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    public void Dispose() => http.Dispose();
}
