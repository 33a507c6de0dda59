using System.Text.Json.Serialization;
using JasperFx.Events;

namespace Commerce.BuildingBlocks.Commands;

/// What every accepted command answers (the seeds' response): the events it appended, the stream's
/// version and the store's event sequence after them (for read-your-writes: min_version, min_sequence).
public sealed record CommandResult(string Status, string AggregateId, long Version, IReadOnlyList<AcceptedEvent> Events, long? Sequence = null)
{
    // The last appended event as the session tracks it: Marten's append reads the store's sequence
    // back into it when the commit returns, after this result was built and stored, so the gateway
    // can answer the sequence without another round trip. Never serialized.
    [JsonIgnore] internal IEvent? LastAppended { get; init; }
}

public sealed record AcceptedEvent(string EventId, string EventType, string AggregateId, long Version, DateTimeOffset Timestamp);

/// The stored first result of a command id, written in the same transaction as its events.
public sealed class ProcessedCommand
{
    public string Id { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string CommandType { get; set; } = "";
    public CommandResult Result { get; set; } = null!;
}
