using System.Collections.Concurrent;
using Commerce.IntegrationTests.Infrastructure;
using Npgsql;

namespace Commerce.IntegrationTests.BadInput;

/// What every module has written: the rows of each event table and of each store's processed-command
/// documents (the idempotency records). A bad request must leave both untouched.
public sealed class Writes(AppFixture app)
{
    static readonly string[] Schemas = ["orders", "inventory", "payments"];

    public sealed record Counts(IReadOnlyDictionary<string, (long Events, long MaxSequence, long Processed)> BySchema)
    {
        public override string ToString() => string.Join(", ", BySchema.Select(s => $"{s.Key}: {s.Value.Events} events, {s.Value.Processed} processed commands"));
    }

    // One statement for all three schemas, built once per database (a store without commands over HTTP
    // has no processed-command table).
    static readonly ConcurrentDictionary<string, Task<string>> CountSql = new();

    public async Task<Counts> Take()
    {
        var sql = await CountSql.GetOrAdd(app.Services.ConnectionString, _ => BuildCountSql());
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, (long, long, long)>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return new Counts(counts);
    }

    async Task<string> BuildCountSql()
    {
        await using var connection = await Open();
        var selects = new List<string>();
        foreach (var schema in Schemas)
        {
            var processed = await Exists(connection, $"{schema}.mt_doc_processedcommand")
                ? $"(SELECT count(*) FROM {schema}.mt_doc_processedcommand)" : "0::bigint";
            selects.Add($"SELECT '{schema}', count(*), coalesce(max(seq_id), 0), {processed} FROM {schema}.mt_events");
        }
        return string.Join(" UNION ALL ", selects);
    }

    /// The rows written since `before` that this request caused: events stamped with its correlation id,
    /// processed-command documents under the command ids it sent. Other tests' checkouts may still be
    /// appending in the background, so a changed count alone does not condemn the request.
    public async Task<IReadOnlyList<string>> CausedSince(Counts before, string correlationId, IReadOnlyList<string> commandIds)
    {
        var after = await Take();
        if (after.BySchema.All(s => s.Value == before.BySchema[s.Key])) return [];
        await using var connection = await Open();
        var written = new List<string>();
        foreach (var schema in Schemas)
        {
            await using var events = new NpgsqlCommand(
                $"SELECT stream_id || ' ' || type FROM {schema}.mt_events WHERE seq_id > @after AND correlation_id = @correlation", connection);
            events.Parameters.AddWithValue("after", before.BySchema[schema].MaxSequence);
            events.Parameters.AddWithValue("correlation", correlationId);
            written.AddRange((await Strings(events)).Select(e => $"{schema}.mt_events: {e}"));
            if (commandIds.Count == 0 || !await Exists(connection, $"{schema}.mt_doc_processedcommand")) continue;
            await using var processed = new NpgsqlCommand($"SELECT id FROM {schema}.mt_doc_processedcommand WHERE id = ANY(@ids)", connection);
            processed.Parameters.AddWithValue("ids", commandIds.Where(id => !id.Contains('\0', StringComparison.Ordinal)).ToArray());
            written.AddRange((await Strings(processed)).Select(id => $"{schema}.mt_doc_processedcommand: {id}"));
        }
        return written;
    }

    async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    static async Task<bool> Exists(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    static async Task<List<string>> Strings(NpgsqlCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
