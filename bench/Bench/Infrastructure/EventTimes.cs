using Npgsql;

namespace Commerce.Bench.Infrastructure;

/// When events were committed, by PostgreSQL's clock (the load generator runs on the same machine).
public static class EventTimes
{
    /// The commit time of the `type` event on each order's stream in `schema` (named `prefix` + order id),
    /// waiting up to `deadline` for all of them; those still missing then are left out.
    public static async Task<Dictionary<string, DateTimeOffset>> Of(string cs, string schema, string type, ICollection<string> orderIds,
        TimeSpan deadline, string prefix = "")
    {
        var streams = orderIds.Select(id => prefix + id).ToArray();
        var until = TimeProvider.System.GetUtcNow() + deadline;
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (true)
        {
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    $"SELECT stream_id, min(timestamp) FROM {schema}.mt_events WHERE type = $1 AND stream_id = ANY($2) GROUP BY stream_id", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = type });
                command.Parameters.Add(new NpgsqlParameter { Value = streams });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) found[reader.GetString(0)[prefix.Length..]] = reader.GetFieldValue<DateTimeOffset>(1);
            }
            if (found.Count >= streams.Length || TimeProvider.System.GetUtcNow() > until) return found;
            await Task.Delay(250);
        }
    }

    /// The newest event sequence of a store: counting from it sees only what comes after.
    public static Task<long> Head(string cs, string schema) =>
        BenchServices.Scalar<long>(cs, $"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events");

    /// Orders placed and orders confirmed since `after` (an event sequence).
    public static async Task<(long Placed, long Confirmed)> PlacedAndConfirmed(string cs, long after)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE type = 'order_placed'), count(*) FILTER (WHERE type = 'order_confirmed')
            FROM orders.mt_events WHERE seq_id > $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
