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

    public async Task<T?> Replay<T>(string streamKey, IReadOnlyList<object> storedEvents) where T : class
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
        return await store.Options.Projections.AggregatorFor<T>().BuildAsync(events, session, null, CancellationToken.None);
    }

    public void Dispose() => store.Dispose();
}
