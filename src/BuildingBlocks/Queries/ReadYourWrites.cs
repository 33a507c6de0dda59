using Marten;

namespace Commerce.BuildingBlocks.Queries;

/// The read model has not reached the position the client asked for: 503 with Retry-After.
public sealed class ReadModelBehindException(string message) : Exception(message);

/// Read-your-writes: a command answers with its stream version and store sequence; a query given
/// min_version (inline read models) or min_sequence (async ones, against the projection's
/// checkpoint) waits a little for it, then says it is still behind instead of answering stale data.
public static class ReadYourWrites
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<T?> AtLeastVersion<T>(Func<Task<T?>> load, Func<T, long> version, long? minVersion, TimeProvider clock,
        CancellationToken ct) where T : class
    {
        var deadline = clock.GetUtcNow() + Wait;
        while (true)
        {
            var model = await load();
            if (minVersion is null || (model is not null && version(model) >= minVersion)) return model;
            if (clock.GetUtcNow() >= deadline)
                throw new ReadModelBehindException(
                    $"The read model is at version {(model is null ? 0 : version(model))}; you asked for at least {minVersion}. Retry shortly.");
            await Task.Delay(Poll, clock, ct);
        }
    }

    public static async Task AtLeastSequence(IDocumentStore store, string projection, long? minSequence, TimeProvider clock, CancellationToken ct)
    {
        if (minSequence is null) return;
        var deadline = clock.GetUtcNow() + Wait;
        while (true)
        {
            var checkpoint = (await store.Advanced.AllProjectionProgress(token: ct))
                .FirstOrDefault(p => p.ShardName.StartsWith(projection + ":", StringComparison.Ordinal))?.Sequence ?? 0;
            if (checkpoint >= minSequence) return;
            if (clock.GetUtcNow() >= deadline)
                throw new ReadModelBehindException(
                    $"The {projection} projection has processed events up to {checkpoint}; you asked for at least {minSequence}. Retry shortly.");
            await Task.Delay(Poll, clock, ct);
        }
    }
}
