using Marten;
using Marten.Services;

namespace Commerce.BuildingBlocks.Telemetry;

/// After each commit of a module store: how many events of each type it appended, and how long each
/// stream it appended to has grown (the seeds' stream size).
public sealed class CountAppends(string store) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var storeTag = new KeyValuePair<string, object?>("store", store);
        foreach (var e in commit.GetEvents())
        {
            CommerceMetrics.EventsAppended.Add(1, storeTag, new KeyValuePair<string, object?>("event_type", e.EventTypeName));
        }
        foreach (var stream in commit.GetStreams())
        {
            if (stream.Events.Count > 0) CommerceMetrics.StreamLength.Record(stream.Events[^1].Version, storeTag);
        }
        return Task.CompletedTask;
    }
}
