using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using Marten;
using Npgsql;
using Wolverine.Http;

namespace Commerce.Host.Admin;

public sealed record ProjectionLag(string Store, string Name, long Checkpoint, long HighWaterMark, long HighestSequence,
    long LagEvents, double LagSeconds, string? Status);

public sealed record ProjectionsResponse(IReadOnlyList<ProjectionLag> Projections);

/// Where every projection and relay of every store stands. Lag is measured against the store's
/// highest event sequence, not the high water mark, so a stalled high water mark shows as lag.
public static class ProjectionsEndpoint
{
    [WolverineGet("/api/v1/admin/projections"), Tags("Admin")]
    public static async Task<ProjectionsResponse> Get(HttpContext http, AdminKey admin, IConfiguration configuration, TimeProvider clock,
        IOrdersStore orders, IInventoryStore inventory, IPaymentsStore payments, CancellationToken ct)
    {
        admin.Require(http);
        var rows = new List<ProjectionLag>();
        foreach (var (schema, store) in new (string, IDocumentStore)[] { ("orders", orders), ("inventory", inventory), ("payments", payments) })
        {
            rows.AddRange(await LagOf(schema, store, configuration, clock, ct));
        }
        return new ProjectionsResponse(rows);
    }

    static async Task<IEnumerable<ProjectionLag>> LagOf(string schema, IDocumentStore store, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var highWater = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
        await connection.OpenAsync(ct);
        var highest = await Scalar<long>(connection, $"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events", ct);
        var result = new List<ProjectionLag>();
        foreach (var shard in progress.Where(p => p.ShardName is not ("HighWaterMark" or "HighWaterAllocationFence")))
        {
            var oldestUnseen = await OldestAfter(connection, schema, shard.Sequence, ct);
            var seconds = oldestUnseen is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0;
            result.Add(new ProjectionLag(schema, shard.ShardName, shard.Sequence, highWater, highest,
                Math.Max(0, highest - shard.Sequence), Math.Round(seconds, 3), shard.AgentStatus));
        }
        return result;
    }

    static async Task<DateTimeOffset?> OldestAfter(NpgsqlConnection connection, string schema, long sequence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT timestamp FROM {schema}.mt_events WHERE seq_id > @seq ORDER BY seq_id LIMIT 1", connection);
        command.Parameters.AddWithValue("seq", sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default! : (T)value;
    }
}
