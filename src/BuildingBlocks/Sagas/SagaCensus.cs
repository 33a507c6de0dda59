using Marten;
using Npgsql;

namespace Commerce.BuildingBlocks.Sagas;

/// How many instances of a saga are in flight in each state, for the operations page and its gauge.
public interface ISagaCensus
{
    string Saga { get; }

    Task<IReadOnlyDictionary<string, long>> CountByState(CancellationToken ct);
}

/// Counts a Marten-stored state machine's instances by MassTransit's CurrentState, leaving out the final
/// states: ended instances are kept for good, so counting them would scan a table that only grows (how
/// many ended is what the counters say). The store maps a partial index on exactly the in-flight rows
/// (<see cref="SagaStates.InFlight"/>), so this reads only those.
public sealed class SagaCensus<T>(IDocumentStore store, string saga, IReadOnlyList<string> finalStates) : ISagaCensus where T : class
{
    public string Saga => saga;

    public async Task<IReadOnlyDictionary<string, long>> CountByState(CancellationToken ct)
    {
        var table = ((IReadOnlyStoreOptions)store.Options).Schema.For<T>(true);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select data ->> 'CurrentState', count(*) from {table} where {SagaStates.InFlight(finalStates)} group by 1", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct)) counts[reader.IsDBNull(0) ? "" : reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}

public static class SagaStates
{
    /// The in-flight rows, as a partial index's predicate and the census's filter (the same text, so
    /// PostgreSQL uses the index).
    public static string InFlight(IReadOnlyList<string> finalStates) =>
        $"(data ->> 'CurrentState') not in ({string.Join(", ", finalStates.Select(s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'"))})";
}
