using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Privacy;
using JasperFx.Events;
using Marten;
using Marten.Events.Archiving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Commerce.Operations.EventStore;

public sealed record StoredEventMetadata(long Sequence, string? CorrelationId, string? CausationId, string? User, JsonNode? Headers);

/// Data and headers as stored, with personal values opened (or "erased" once their customer was
/// forgotten).
public sealed record StoredEvent(string EventId, string EventType, long Version, JsonNode? Data, DateTimeOffset Timestamp, StoredEventMetadata Metadata);

public sealed record StreamEventsResponse(string AggregateId, string Module, long Version, bool Archived, IReadOnlyList<StoredEvent> Events);

/// The seeds' event store read: one stream from a version on, with each event's metadata. Each module
/// keeps its own streams: without `module`, the first module store (orders, inventory, payments) that
/// has the stream answers; `module` picks one explicitly (Payments keys its streams by order id, as
/// Orders does). An archived stream (Retention) is read with include_archived=true.
public static class StreamEventsEndpoint
{
    [WolverineGet("/api/v1/events/{aggregateId}"), Tags("Event store"), Authorize(Policy = Policies.StreamReader)]
    public static async Task<StreamEventsResponse> Get(string aggregateId, long? from_version, string? module, bool? include_archived,
        ModuleStores stores, ClaimsPrincipal caller, PersonalData personal, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var candidates = module is null ? stores.All
            : [stores.Find(module) ?? throw new InvalidCommandException($"Unknown module '{module}'; use {stores.Names}.")];
        if (from_version is < 0) throw new InvalidCommandException("'from_version' must be 0 or more.");
        foreach (var candidate in candidates)
        {
            await using var session = candidate.Store.QuerySession();
            if (await session.Events.FetchStreamStateAsync(aggregateId, ct) is not { } state) continue;
            if (state.IsArchived && include_archived != true)
                throw new NotFoundException($"Stream '{aggregateId}' is archived (its order ended long ago): ask again with include_archived=true.");
            var from = from_version ?? 0;
            var events = state.IsArchived
                ? await session.Events.QueryAllRawEvents().Where(e => e.StreamKey == aggregateId && e.MaybeArchived() && e.Version >= from)
                    .OrderBy(e => e.Version).ToListAsync(ct)
                : await session.Events.FetchStreamAsync(aggregateId, fromVersion: from, token: ct);
            var admin = caller.IsInRole(Access.Admin);
            var stored = events.Select(e => ToStored(e, admin, json.Value.SerializerOptions)).ToList();
            await personal.RevealIn([.. events.Zip(stored).SelectMany(p =>
                PersonalData.SealedIn(p.First.EventType, p.Second.Data, p.Second.Metadata.Headers, json.Value.SerializerOptions))], ct);
            return new StreamEventsResponse(aggregateId, candidate.Name, state.Version, state.IsArchived, stored);
        }
        throw NotFoundException.Stream(aggregateId, module);
    }

    // A customer reading their own order's events sees what happened and when, not who else acted on
    // it (an operator who shipped it, the commands and requests behind each step) nor the addresses
    // commands came from: those are the admin's.
    static StoredEvent ToStored(IEvent e, bool admin, JsonSerializerOptions json) =>
        new(e.Id.ToString(), e.EventType.Name, e.Version, JsonSerializer.SerializeToNode(e.Data, e.EventType, json), e.Timestamp,
            admin ? new StoredEventMetadata(e.Sequence, e.CorrelationId, e.CausationId, e.UserName, JsonSerializer.SerializeToNode(e.Headers, json))
                : new StoredEventMetadata(e.Sequence, null, null, null, null));
}
