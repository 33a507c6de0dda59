using System.Text.Json;
using Commerce.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Http;

namespace Commerce.BuildingBlocks.Commands;

/// One event an operator asks to append through the event-store API (the seeds' raw append).
public sealed record RawAppend(string AggregateId, long? ExpectedVersion, string EventType, JsonElement Data, string? CommandId)
{
    /// A string field of the event's data, or the client's error.
    public string Field(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidCommandException($"'{EventType}' needs a string '{name}' in its data.");
}

/// What a module lets an operator append, by event type. It is never a way around an aggregate's
/// rules: each event type is turned into the command that decides it, sent as HTTP sends it (same
/// checks, idempotency and expected-version conflict).
public interface IRawAppendMap
{
    IReadOnlyList<string> EventTypes { get; }

    /// The command's answer, or null when this module does not take the event type.
    Task<IResult>? Append(RawAppend append, HttpContext http, CancellationToken ct);
}
