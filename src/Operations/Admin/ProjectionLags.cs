using Commerce.BuildingBlocks.Modules;
using Marten;
using Npgsql;

namespace Commerce.Operations.Admin;

/// How far each async projection and relay of a store is behind, and its status (active, paused by an
/// admin, failed). Lag is measured against the store's highest event sequence, not the high water
/// mark, so a stalled high water mark shows as lag.
public static class ProjectionLags
{
    public static async Task<IReadOnlyList<ProjectionLag>> Of(RegisteredStore module, TimeProvider clock, CancellationToken ct)
    {
        var store = module.Store;
        var schema = store.Options.Events.DatabaseSchemaName;
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var highWater = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        IReadOnlyList<string> paused;
        await using (var session = store.QuerySession()) paused = await session.Query<SubscriptionPause>().Select(p => p.Id).ToListAsync(ct);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var highest = await Scalar<long>(connection, $"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events", ct);
        var result = new List<ProjectionLag>();
        // Every shard the store runs, also one that has no checkpoint yet (it never finished a page).
        foreach (var (identity, name) in module.AsyncShards())
        {
            var shard = progress.FirstOrDefault(p => p.ShardName == identity);
            var checkpoint = shard?.Sequence ?? 0;
            var oldestUnseen = await OldestAfter(connection, schema, checkpoint, ct);
            var seconds = oldestUnseen is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0;
            result.Add(new ProjectionLag(module.Name, identity, checkpoint, highWater, highest,
                Math.Max(0, highest - checkpoint), Math.Round(seconds, 3),
                SubscriptionStatus.Of(paused.Contains(name), shard?.AgentStatus, shard?.Failure is not null)));
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
