using System.Net;
using Commerce.Inventory;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commerce.IntegrationTests.EventStore;

/// A product listed by the first version of the catalog ("product_added", no currency), stored as it
/// was then, is read everywhere as today's ProductListed; the stored row is never rewritten.
[Collection(AppHost.Name)]
public sealed class UpcastingTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);

    [Fact]
    public async Task a_stored_v1_event_is_read_as_v2_and_stays_v1_in_the_database()
    {
        var sku = Api.NewId("legacy");
        var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "EventStore", "Fixtures", "product_added_v1.json")))
            .Replace("__ID__", sku, StringComparison.Ordinal);
        await Store(sku, json);
        // Rows written outside Marten have no inline snapshot yet: build it, as after importing history
        // (or deploying the snapshot over existing products: `projections rebuild -p Product`).
        await app.Host.Services.GetRequiredService<IInventoryStore>().Advanced.RebuildSingleStreamAsync<Product>(sku);

        var stream = await api.Get($"/api/v1/events/{sku}");
        var received = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 2 });
        var after = await catalog.Listed();   // the relay still flows past the v1 event

        var listed = stream.Body.GetProperty("events")[0];
        Assert.Equal("ProductListed", listed.Str("event_type"));
        Assert.Equal("EUR", listed.GetProperty("data").Str("currency"));
        Assert.Equal(4.5m, listed.GetProperty("data").Dec("unit_price"));
        Assert.Equal(HttpStatusCode.Accepted, received.Status);
        var (type, data) = await StoredRow(sku);
        Assert.Equal("product_added", type);
        Assert.Equal(Normalized(json), Normalized(data));   // never rewritten: still v1, no currency
        Assert.NotNull(await catalog.OrdersCatalogPrice(after));
        Assert.Equal(4.5m, await catalog.OrdersCatalogPrice(sku));
    }

    static string Normalized(string json) =>
        string.Join(",", System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    async Task Store(string sku, string json)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO inventory.mt_streams (id, type, version) VALUES (@id, 'product', 1);
            INSERT INTO inventory.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
            VALUES (nextval('inventory.mt_events_sequence'), gen_random_uuid(), @id, 1, @data::jsonb, 'product_added', '2020-03-01T09:30:00Z',
                    'Commerce.Inventory.ProductAddedV1, Commerce.Inventory');
            """, connection);
        command.Parameters.AddWithValue("id", sku);
        command.Parameters.AddWithValue("data", json);
        await command.ExecuteNonQueryAsync();
    }

    async Task<(string Type, string Data)> StoredRow(string sku)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type, data::text FROM inventory.mt_events WHERE stream_id = @id AND version = 1", connection);
        command.Parameters.AddWithValue("id", sku);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }
}
