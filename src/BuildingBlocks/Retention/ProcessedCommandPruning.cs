using Commerce.BuildingBlocks.Modules;
using Marten;
using Npgsql;

namespace Commerce.BuildingBlocks.Retention;

/// Forgets command ids older than the idempotency window, in every module store (by the record's last
/// modification, which is when it was written: a processed command is never updated).
public sealed class ProcessedCommandPruning(ModuleStores stores) : IRetentionTask
{
    public string Name => "processed_commands";

    public async Task<int> Run(RetentionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        foreach (var store in stores.All)
        {
            var table = $"{store.Store.Options.DatabaseSchemaName}.mt_doc_processedcommand";
            total += await Batches.Delete(store.Store, table, $"WITH old AS (SELECT id FROM {table} WHERE mt_last_modified < @before LIMIT @batch) " +
                $"DELETE FROM {table} t USING old WHERE t.id = old.id", now - options.IdempotencyWindow, options.BatchSize, ct);
        }
        return total;
    }
}

/// Deleting in batches of short statements until a batch comes back short.
public static class Batches
{
    public static async Task<int> Delete(IDocumentStore store, string table, string sql, DateTimeOffset before, int batch, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("t", table);
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        }
        var total = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("before", before);
            command.Parameters.AddWithValue("batch", batch);
            var deleted = await command.ExecuteNonQueryAsync(ct);
            total += deleted;
            if (deleted < batch) return total;
        }
    }
}
