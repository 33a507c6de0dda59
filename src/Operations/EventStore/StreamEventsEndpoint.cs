using System.Security.Claims;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.EventStore;

public sealed record StoredEventMetadata(long Sequence, string? CorrelationId, string? CausationId, string? User,
    IReadOnlyDictionary<string, object>? Headers);

public sealed record StoredEvent(string EventId, string EventType, long Version, object Data, DateTimeOffset Timestamp, StoredEventMetadata Metadata);

public sealed record StreamEventsResponse(string AggregateId, string Module, long Version, IReadOnlyList<StoredEvent> Events);

/// The seeds' event store read: one stream from a version on, with each event's metadata. Each module
/// keeps its own streams: without `module`, the first module store (orders, inventory, payments) that
/// has the stream answers; `module` picks one explicitly (Payments keys its streams by order id, as
/// Orders does).
public static class StreamEventsEndpoint
{
    [WolverineGet("/api/v1/events/{aggregateId}"), Tags("Event store"), Authorize(Policy = Policies.StreamReader)]
    public static async Task<StreamEventsResponse> Get(string aggregateId, long? from_version, string? module,
        ModuleStores stores, ClaimsPrincipal caller, CancellationToken ct)
    {
        var candidates = module is null ? stores.All
            : [stores.Find(module) ?? throw new InvalidCommandException($"Unknown module '{module}'; use {stores.Names}.")];
        if (from_version is < 0) throw new InvalidCommandException("'from_version' must be 0 or more.");
        foreach (var candidate in candidates)
        {
            await using var session = candidate.Store.QuerySession();
            if (await session.Events.FetchStreamStateAsync(aggregateId, ct) is not { } state) continue;
            var events = await session.Events.FetchStreamAsync(aggregateId, fromVersion: from_version ?? 0, token: ct);
            var admin = caller.IsInRole(Access.Admin);
            return new StreamEventsResponse(aggregateId, candidate.Name, state.Version, [.. events.Select(e => ToStored(e, admin))]);
        }
        throw NotFoundException.Stream(aggregateId, module);
    }

    // A customer reading their own order's events sees what happened and when, not who else acted on
    // it (an operator who shipped it, the commands and requests behind each step) nor the addresses
    // commands came from: those are the admin's.
    static StoredEvent ToStored(IEvent e, bool admin) => new(e.Id.ToString(), e.EventType.Name, e.Version, e.Data, e.Timestamp,
        admin ? new StoredEventMetadata(e.Sequence, e.CorrelationId, e.CausationId, e.UserName, e.Headers)
            : new StoredEventMetadata(e.Sequence, null, null, null, null));
}
