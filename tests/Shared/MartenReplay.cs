using System.Text;
using Commerce.BuildingBlocks.Modules;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Commerce.Testing;

/// Rebuilds an aggregate the way the running system does before every decision: each event goes to
/// JSON and back with the serializer Marten stores it with, then Marten's own live aggregation folds
/// the stream. The store is configured like every module store (ModuleStore) and never connects; it
/// only lends its serializer and aggregator, so the property tests need no database.
public sealed class MartenReplay : IDisposable
{
    readonly DocumentStore store = DocumentStore.For(options =>
        ModuleStore.Configure(options, "Host=127.0.0.1;Port=1;Database=never_opened", "replay", []));

    /// The event as a handler would read it back from the database.
    public object Stored(object data)
    {
        var serializer = store.Options.Serializer();
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(serializer.ToJson(data)));
        return serializer.FromJson(data.GetType(), json);
    }

    public async ValueTask<T?> Replay<T>(string streamKey, IReadOnlyList<object> storedEvents, T? snapshot = null) where T : class
    {
        var events = storedEvents.Select((data, i) =>
        {
            var e = ((EventGraph)store.Options.Events).BuildEvent(data);
            e.StreamKey = streamKey;
            e.Version = i + 1;
            return e;
        }).ToList();
        // A session per replay: CsCheck runs samples on several threads, and sessions are not shared.
        await using var session = store.QuerySession();
        return await store.Options.Projections.AggregatorFor<T>().BuildAsync(events, session, snapshot, CancellationToken.None);
    }

    static readonly MartenReplay Shared = new();

    /// Marten's fold of events a test writes out (no serializer round trip), from nothing or from a
    /// state the test already has; for the state a test starts from, never folded by hand.
    /// Marten's live fold skips an event the aggregate has no Create or Apply for; a test says so instead.
    public static T Fold<T>(string streamKey, IReadOnlyList<object> events, T? snapshot = null) where T : class
    {
        if (events.FirstOrDefault(e => !typeof(T).GetMethods().Any(m => m.Name is "Create" or "Apply"
                && m.GetParameters().Any(p => p.ParameterType == e.GetType()))) is { } unknown)
            throw new ArgumentException($"{typeof(T).Name} has no Create or Apply for {unknown.GetType().Name}.", nameof(events));
        return Shared.Replay(streamKey, events, snapshot).AsTask().GetAwaiter().GetResult()
            ?? throw new ArgumentException($"The events fold to no {typeof(T).Name}.", nameof(events));
    }

    public void Dispose() => store.Dispose();
}
