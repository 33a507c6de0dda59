using Commerce.BuildingBlocks.Messaging;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Payments.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commerce.IntegrationTests.Payments;

/// Plays the checkout saga's part against Payments: sends its commands over RabbitMQ and reads what
/// Payments recorded.
public sealed class PaymentsCheckout(AppFixture app)
{
    IBus Bus => app.Host.Services.GetRequiredService<IBus>();

    public Task Charge(string orderId, string method, decimal amount = 42.50m, string? correlationId = null, string? userId = null) =>
        SendAndWaitUntilHandled(new ChargePayment(orderId, amount, "EUR", method), correlationId, userId);

    public Task Refund(string orderId, string reason = "Order cancelled.") =>
        SendAndWaitUntilHandled(new RefundPayment(orderId, reason));

    // Returns once Payments' consumer has committed what the message decided, so a test can then assert
    // what it did not change without sleeping.
    public async Task SendAndWaitUntilHandled<T>(T message, string? correlationId = null, string? userId = null) where T : class
    {
        using var deliveries = new BusDeliveries(Bus);
        (string, string)[] headers = [.. new[] { (CommerceHeaders.CorrelationId, correlationId), (CommerceHeaders.UserId, userId) }
            .Where(h => h.Item2 is not null).Select(h => (h.Item1, h.Item2!))];
        await deliveries.Handled(PaymentsQueues.Checkout, message, headers);
    }

    public async Task<IReadOnlyList<string>> EventTypes(string orderId)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type FROM payments.mt_events WHERE stream_id = @id ORDER BY version", connection);
        command.Parameters.AddWithValue("id", orderId);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

    public async Task<string?> EventData(string orderId, string type, string field)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT data->>@field FROM payments.mt_events WHERE stream_id = @id AND type = @type ORDER BY version LIMIT 1", connection);
        command.Parameters.AddWithValue("id", orderId);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("field", field);
        return await command.ExecuteScalarAsync() as string;
    }

    // Correlation id, user and schema version of each event of the payment, in order.
    public async Task<IReadOnlyList<(string? CorrelationId, string? User, string? SchemaVersion)>> EventMetadata(string orderId)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT correlation_id, user_name, headers->>'schema-version' FROM payments.mt_events WHERE stream_id = @id ORDER BY version", connection);
        command.Parameters.AddWithValue("id", orderId);
        var rows = new List<(string?, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return rows;
    }

    public async Task<bool> HasPendingCall(string orderId)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM payments.mt_doc_pendinggatewaycall WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", orderId);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    // Waits until the payment's events end with `last` and no gateway call is left for it, so nothing
    // more can follow; returns every event type of the payment in order.
    public Task<IReadOnlyList<string>> Settled(string orderId, string last, TimeSpan? deadline = null) =>
        Poll.Until(async () => await HasPendingCall(orderId) ? [] : await EventTypes(orderId),
            types => types.Count > 0 && types[^1] == last, deadline, $"payment '{orderId}' to end with {last}");
}

public static class PaymentEventTypes
{
    public const string Requested = "payment_requested";
    public const string Charged = "payment_charged";
    public const string Declined = "payment_declined";
    public const string Refunded = "payment_refunded";
    public const string RefundRequested = "payment_refund_requested";
    public const string GatewayTimedOut = "payment_gateway_timed_out";
}
