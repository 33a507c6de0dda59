using Npgsql;
using NpgsqlTypes;

namespace Commerce.Bench.Rows;

/// The raw limit of this PostgreSQL: the same event JSON into a plain table, with nothing on top.
public sealed class RawPostgres(string connectionString, string eventJson)
{
    public const int BatchRows = 100;
    public const int CopyRows = 5_000;

    long version;

    public Task Create() => Infrastructure.BenchServices.Sql(connectionString, """
        CREATE SCHEMA IF NOT EXISTS bench_raw;
        CREATE TABLE IF NOT EXISTS bench_raw.events (
            seq_id bigserial PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL, type text NOT NULL,
            data jsonb NOT NULL, timestamp timestamptz NOT NULL DEFAULT now());
        """);

    /// One row, one statement, one commit.
    public async Task<bool> InsertOne(int worker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO bench_raw.events (stream_id, version, type, data) VALUES ($1, $2, 'stock_received', $3)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"raw-{worker}" });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)Interlocked.Increment(ref version) });
        command.Parameters.Add(new NpgsqlParameter { Value = eventJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
        return true;
    }

    /// BatchRows rows in one statement (unnest of arrays), one commit.
    public async Task<bool> InsertBatch(int worker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO bench_raw.events (stream_id, version, type, data) SELECT $1, v, 'stock_received', d FROM unnest($2::int[], $3::jsonb[]) AS t(v, d)",
            connection);
        var first = Interlocked.Add(ref version, BatchRows);
        command.Parameters.Add(new NpgsqlParameter { Value = $"raw-{worker}" });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range((int)first, BatchRows).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(eventJson, BatchRows).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
        return true;
    }

    /// CopyRows rows through binary COPY, one commit.
    public async Task<bool> Copy(int worker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync("COPY bench_raw.events (stream_id, version, type, data) FROM STDIN (FORMAT BINARY)");
        var first = Interlocked.Add(ref version, CopyRows);
        for (var i = 0; i < CopyRows; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync($"raw-{worker}", NpgsqlDbType.Text);
            await writer.WriteAsync((int)first + i, NpgsqlDbType.Integer);
            await writer.WriteAsync("stock_received", NpgsqlDbType.Text);
            await writer.WriteAsync(eventJson, NpgsqlDbType.Jsonb);
        }
        await writer.CompleteAsync();
        return true;
    }
}
