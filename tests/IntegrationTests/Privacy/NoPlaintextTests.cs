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
        await using var copies = await MessageCopies.Of(app.Services, "Commerce.Orders.Contracts:OrderPlacedIntegrationEvent");
        var customer = new Customer(app);
        var orderId = await customer.Order(await catalog.Listed(stock: 5));
        await shop.CheckoutEndsIn(orderId, "confirmed");
        await customer.Forget();

        var tables = await TablesHolding(orderId);
        var queued = string.Join("\n", await MessageCopies.EverywhereIn(app.Services));

        Assert.Contains("orders.mt_events", tables);
        Assert.Contains("orders.mt_doc_orderdetails", tables);
        Assert.Contains(orderId, queued, StringComparison.Ordinal);
        foreach (var personal in new[] { customer.Email, customer.Street, customer.AddressText })
        {
            Assert.Empty(await TablesHolding(personal));
            Assert.DoesNotContain(personal, queued, StringComparison.OrdinalIgnoreCase);
        }
    }

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
}
