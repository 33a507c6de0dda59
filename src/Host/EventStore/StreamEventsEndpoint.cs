using Commerce.BuildingBlocks.Errors;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using JasperFx.Events;
using Marten;
using Wolverine.Http;

namespace Commerce.Host.EventStore;

public sealed record StoredEventMetadata(long Sequence, string? CorrelationId, string? CausationId, string? User,
    IReadOnlyDictionary<string, object>? Headers);

public sealed record StoredEvent(string EventId, string EventType, long Version, object Data, DateTimeOffset Timestamp, StoredEventMetadata Metadata);

public sealed record StreamEventsResponse(string AggregateId, string Module, long Version, IReadOnlyList<StoredEvent> Events);

/// The seeds' event store read: one stream from a version on, with each event's metadata. Each module
/// keeps its own streams; the id's prefix says which (order-… in Orders, reservation-… and SKUs in
/// Inventory), and `module` picks one explicitly (Payments keys its streams by order id too).
public static class StreamEventsEndpoint
{
    [WolverineGet("/api/v1/events/{aggregateId}"), Tags("Event store")]
    public static async Task<StreamEventsResponse> Get(string aggregateId, long? from_version, string? module,
        IOrdersStore orders, IInventoryStore inventory, IPaymentsStore payments, CancellationToken ct)
    {
        var (name, store) = (module ?? DefaultModule(aggregateId)) switch
        {
            "orders" => ("orders", (IDocumentStore)orders),
            "inventory" => ("inventory", inventory),
            "payments" => ("payments", payments),
            var other => throw new InvalidCommandException($"Unknown module '{other}'; use orders, inventory or payments."),
        };
        if (from_version is < 0) throw new InvalidCommandException("'from_version' must be 0 or more.");
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(aggregateId, fromVersion: from_version ?? 0, token: ct);
        if (events.Count == 0 && await session.Events.FetchStreamStateAsync(aggregateId, ct) is null)
            throw new NotFoundException($"No stream '{aggregateId}' in {name}.");
        var state = await session.Events.FetchStreamStateAsync(aggregateId, ct);
        return new StreamEventsResponse(aggregateId, name, state?.Version ?? 0, [.. events.Select(ToStored)]);
    }

    static string DefaultModule(string aggregateId) => aggregateId.StartsWith("order-", StringComparison.Ordinal) ? "orders" : "inventory";

    static StoredEvent ToStored(IEvent e) => new(e.Id.ToString(), e.EventType.Name, e.Version, e.Data, e.Timestamp,
        new StoredEventMetadata(e.Sequence, e.CorrelationId, e.CausationId, e.UserName, e.Headers));
}
