using JasperFx.Events;
using Marten;
using Marten.Events.Archiving;

namespace Commerce.Verification;

/// A stream folded into its aggregate, with its events (for their counts and times).
public sealed record Folded<T>(string Key, T State, IReadOnlyList<IEvent> Events)
{
    public DateTimeOffset LastAt => Events[^1].Timestamp;
}

/// Reads a store's events in one query and folds each stream with Marten's own live aggregation, in
/// memory, as the handlers' FetchForWriting would fold it.
public static class EventStreams
{
    // One query per store (all its events, or those of the named streams, archived ones included),
    // grouped by stream.
    public static async Task<Dictionary<string, IReadOnlyList<IEvent>>> Read(IDocumentStore store, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        if (keys is { Count: 0 }) return new(StringComparer.Ordinal);
        await using var session = store.QuerySession();
        IQueryable<IEvent> query = session.Events.QueryAllRawEvents().Where(e => e.MaybeArchived());
        if (keys is not null)
        {
            var wanted = keys.ToArray();
            query = query.Where(e => e.StreamKey!.IsOneOf(wanted));
        }
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.GroupBy(e => e.StreamKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)[.. g.OrderBy(e => e.Version)], StringComparer.Ordinal);
    }

    public static Dictionary<string, IReadOnlyList<IEvent>> StartingWith(Dictionary<string, IReadOnlyList<IEvent>> streams, Func<object, bool> first) =>
        streams.Where(s => first(s.Value[0].Data)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    public static async Task<Dictionary<string, Folded<T>>> Fold<T>(IDocumentStore store, Dictionary<string, IReadOnlyList<IEvent>> streams,
        CancellationToken ct) where T : class
    {
        // The store's options are its StoreOptions; the read-only view does not expose the aggregators.
        var aggregator = ((StoreOptions)store.Options).Projections.AggregatorFor<T>();
        await using var session = store.QuerySession();
        var folded = new Dictionary<string, Folded<T>>(StringComparer.Ordinal);
        foreach (var (key, events) in streams)
        {
            if (await aggregator.BuildAsync(events, session, null, ct) is { } state) folded[key] = new Folded<T>(key, state, events);
        }
        return folded;
    }
}
