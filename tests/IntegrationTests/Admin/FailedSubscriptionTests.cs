using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Npgsql;

namespace Commerce.IntegrationTests.Admin;

/// A subscription that cannot go on (an event it cannot read) is reported "failed" by the projections
/// route, on whichever host asks. A host and database of its own: the store stays broken.
[Collection(BrokenStore.Name)]
public sealed class FailedSubscriptionTests(AppFixture app)
{
    [Fact]
    public async Task a_relay_stopped_by_an_event_it_cannot_read_is_failed()
    {
        var admin = new Api(app).As(Caller.Admin);
        var shop = new Shop(app);
        var order = await shop.Order(await new Catalog(app).Listed(), 1);
        await shop.CheckoutEndsIn(order, "confirmed");
        await Poll.Until(() => admin.Get("/api/v1/admin/projections"), r => Relay(r) is { } p && p.Number("checkpoint") > 0 && p.Str("status") == "active",
            TimeSpan.FromSeconds(30), "Payments' relay running");

        await Unreadable();

        // The relay's row appears once it has a checkpoint of its own.
        var seen = await Poll.Until(() => admin.Get("/api/v1/admin/projections"), r => Relay(r) is { } p && p.Str("status") == "failed",
            TimeSpan.FromSeconds(90), "Payments' relay reported failed");
        Assert.True(Relay(seen)!.Value.Number("lag_events") >= 1);
    }

    static JsonElement? Relay(Reply reply) => reply.Body.GetProperty("projections").EnumerateArray()
        .Where(p => p.Str("store") == "payments" && p.Str("name").StartsWith("integration-relay", StringComparison.Ordinal))
        .Select(p => (JsonElement?)p).FirstOrDefault();

    // A payment event whose data does not fit its type (the relay never skips an event it cannot read).
    async Task Unreadable()
    {
        var stream = Api.NewId("order");
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO payments.mt_streams (id, type, version) VALUES (@id, 'payment', 1);
            INSERT INTO payments.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
            VALUES (nextval('payments.mt_events_sequence'), gen_random_uuid(), @id, 1, '{"ChargedAt": "not a date"}'::jsonb, 'payment_charged',
                    now(), 'Commerce.Payments.PaymentCharged, Commerce.Payments');
            """, connection);
        command.Parameters.AddWithValue("id", stream);
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrokenStore : ICollectionFixture<AppFixture>
{
    public const string Name = "broken-store";
}
