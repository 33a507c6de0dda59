using Marten;
using Npgsql;

namespace Commerce.BuildingBlocks.Sagas;

/// How many instances of a saga are in each state, for the operations page and its gauge.
public interface ISagaCensus
{
    string Saga { get; }

    Task<IReadOnlyDictionary<string, long>> CountByState(CancellationToken ct);
}

/// Counts a Marten-stored state machine's instances by MassTransit's CurrentState, in the database.
public sealed class SagaCensus<T>(IDocumentStore store, string saga) : ISagaCensus where T : class
{
    public string Saga => saga;

    public async Task<IReadOnlyDictionary<string, long>> CountByState(CancellationToken ct)
    {
        var table = ((IReadOnlyStoreOptions)store.Options).Schema.For<T>(true);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select coalesce(data ->> 'CurrentState', ''), count(*) from {table} group by 1", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
