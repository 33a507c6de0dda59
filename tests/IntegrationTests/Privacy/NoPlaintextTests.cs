using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Npgsql;

namespace Commerce.IntegrationTests.Privacy;

/// The proof of erasure: after forget-customer, the customer's email, street and IP address are in no
/// table of the database and in no message still queued in RabbitMQ, in plain text or as bytes. The
/// order's id, written everywhere the order went, is the canary that shows the search finds what is
/// there.
[Collection(AppHost.Name)]
public sealed class NoPlaintextTests(AppFixture app)
{
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task after_an_erasure_no_table_and_no_queued_message_holds_the_customers_personal_data()
    {
        // A queue of the test's own keeps a copy of every order placed: messages that stay queued.
        var copies = Api.NewId("privacy-copies");
        await Rabbit(HttpMethod.Put, $"api/queues/{Vhost}/{copies}", """{"durable":false,"auto_delete":false}""");
        try
        {
            await Rabbit(HttpMethod.Post, $"api/bindings/{Vhost}/e/{Uri.EscapeDataString(OrderPlacedExchange)}/q/{copies}", "{}");
            var customer = new Customer(app);
            var orderId = await customer.Order(await catalog.Listed(stock: 5));
            await shop.CheckoutEndsIn(orderId, "confirmed");
            await customer.Forget();

            var tables = await TablesHolding(orderId);
            var queued = await Queued();

            Assert.Contains("orders.mt_events", tables);
            Assert.Contains("orders.mt_doc_orderdetails", tables);
            Assert.Contains(orderId, queued, StringComparison.Ordinal);
            foreach (var personal in new[] { customer.Email, customer.Street, customer.AddressText })
            {
                Assert.Empty(await TablesHolding(personal));
                Assert.DoesNotContain(personal, queued, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await Rabbit(HttpMethod.Delete, $"api/queues/{Vhost}/{copies}", null);
        }
    }

    const string OrderPlacedExchange = "Commerce.Orders.Contracts:OrderPlacedIntegrationEvent";

    string Vhost => Uri.EscapeDataString(app.Services.Name);

    /// Every base table of the database whose rows, as text, contain the value or its UTF-8 bytes in
    /// hex (a bytea column prints as hex).
    async Task<IReadOnlyList<string>> TablesHolding(string value)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE t::text ILIKE '%' || @v || '%' " +
                "OR t::text ILIKE '%' || encode(convert_to(@v, 'UTF8'), 'hex') || '%')", connection);
            search.Parameters.AddWithValue("v", value);
            if ((bool)(await search.ExecuteScalarAsync())!) holding.Add(table);
        }
        return holding;
    }

    /// Every message waiting in any queue of this run's virtual host, read and put back.
    async Task<string> Queued()
    {
        using var http = TestServices.RabbitApi();
        var queues = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{Vhost}")).RootElement.EnumerateArray()
            .Select(q => q.Str("name")).ToList();
        var payloads = new List<string>();
        foreach (var queue in queues)
        {
            var reply = await http.PostAsync($"api/queues/{Vhost}/{Uri.EscapeDataString(queue)}/get",
                Json.Content("""{"count":100000,"ackmode":"ack_requeue_true","encoding":"auto","truncate":1000000}"""));
            if (reply.StatusCode == HttpStatusCode.NotFound) continue;
            reply.EnsureSuccessStatusCode();
            payloads.Add(await reply.Content.ReadAsStringAsync());
        }
        return string.Join("\n", payloads);
    }

    static async Task Rabbit(HttpMethod method, string path, string? body)
    {
        using var http = TestServices.RabbitApi();
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Content(body) };
        var reply = await http.SendAsync(request);
        Assert.True(reply.IsSuccessStatusCode || (method == HttpMethod.Delete && reply.StatusCode == HttpStatusCode.NotFound),
            $"{method} {path}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
    }
}
