using JasperFx.Events;
using Marten;

namespace Commerce.BuildingBlocks.Commands;

public static class EventStreamFold
{
    /// The aggregate as it will be once the session commits what was appended to the stream, folded by
    /// Marten's own aggregator for the type (the fold every read uses), not by hand. Events not yet
    /// committed have no version, so this is for aggregates that do not keep one (Payment).
    public static async Task<T?> Folded<T>(this IEventStream<T> stream, IDocumentSession session, CancellationToken ct) where T : class
    {
        if (stream.Events.Count == 0) return stream.Aggregate;
        var aggregator = ((DocumentStore)session.DocumentStore).Options.Projections.AggregatorFor<T>();
        return await aggregator.BuildAsync(stream.Events, session, stream.Aggregate, ct);
    }
}
