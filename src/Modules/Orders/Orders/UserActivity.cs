using System.Runtime.CompilerServices;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Queries;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders;

/// The seeds' user_activity rows: one per thing a user's orders went through. Async (Marten's daemon);
/// keyed by the event id, so a replay writes the same rows again rather than new ones.
public sealed record UserActivity(string Id, string UserId, string ActivityType, string OrderId, string? Detail, DateTimeOffset OccurredAt, long Sequence);

public sealed partial class UserActivityProjection : EventProjection
{
    public const string ProjectionName = "UserActivity";

    public UserActivityProjection()
    {
        Name = ProjectionName;
        // A rebuild reads the archived orders too (Retention).
        IncludeArchivedEvents = true;
    }

    public UserActivity Create(IEvent<OrderPlaced> e) =>
        new(e.Id.ToString(), e.Data.UserId, "order_placed", e.Data.OrderId, $"{e.Data.Total} {e.Data.Currency}", e.Data.PlacedAt, e.Sequence);

    public Task Project(IEvent<OrderPaymentSubmitted> e, IDocumentOperations ops, CancellationToken ct) =>
        Record(e, ops, "payment_submitted", e.Data.OrderId, e.Data.PaymentMethod, e.Data.SubmittedAt, ct);

    public Task Project(IEvent<OrderConfirmed> e, IDocumentOperations ops, CancellationToken ct) =>
        Record(e, ops, "order_confirmed", e.Data.OrderId, null, e.Data.ConfirmedAt, ct);

    public Task Project(IEvent<OrderShipped> e, IDocumentOperations ops, CancellationToken ct) =>
        Record(e, ops, "order_shipped", e.Data.OrderId, e.Data.TrackingNumber, e.Data.ShippedAt, ct);

    public Task Project(IEvent<OrderCancelled> e, IDocumentOperations ops, CancellationToken ct) =>
        Record(e, ops, "order_cancelled", e.Data.OrderId, e.Data.Reason, e.Data.CancelledAt, ct);

    // Only OrderPlaced names the user; later events find it on the order's inline details. One query
    // per batch, not one per event (that capped rebuilds near 5K events/s): the batch's own OrderPlaced
    // events name their users, the other orders' details are loaded together. Kept per batch session
    // (Marten hands the same one to this and to the Project methods), so batches never share a map.
    static readonly ConditionalWeakTable<IQuerySession, Dictionary<string, string>> UsersOfBatch = new();

    public override async Task EnrichEventsAsync(IQuerySession querySession, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var users = new Dictionary<string, string>();
        foreach (var e in events)
        {
            if (e.Data is OrderPlaced placed) users[placed.OrderId] = placed.UserId;
        }
        var others = events.Select(e => OrderOf(e.Data)).OfType<string>().Where(id => !users.ContainsKey(id)).Distinct().ToArray();
        if (others.Length > 0)
        {
            foreach (var order in await querySession.LoadManyAsync<OrderDetails>(cancellation, others)) users[order.Id] = order.UserId;
        }
        UsersOfBatch.AddOrUpdate(querySession, users);
    }

    static string? OrderOf(object data) => data switch
    {
        OrderPaymentSubmitted e => e.OrderId,
        OrderConfirmed e => e.OrderId,
        OrderShipped e => e.OrderId,
        OrderCancelled e => e.OrderId,
        _ => null,
    };

    static async Task Record(IEvent e, IDocumentOperations ops, string type, string orderId, string? detail, DateTimeOffset at, CancellationToken ct)
    {
        var user = UsersOfBatch.TryGetValue(ops, out var users)
            ? users.GetValueOrDefault(orderId)
            : (await ops.LoadAsync<OrderDetails>(orderId, ct))?.UserId;
        if (user is not null) ops.Store(new UserActivity(e.Id.ToString(), user, type, orderId, detail, at, e.Sequence));
    }
}

public sealed record UserActivityResponse(string UserId, IReadOnlyList<UserActivityRow> Activities);

public sealed record UserActivityRow(string ActivityType, string OrderId, string? Detail, DateTimeOffset OccurredAt);

public static class UserActivityEndpoint
{
    [WolverineGet("/api/v1/query/user-activity/{userId}"), Tags("Orders"), Authorize(Policy = Policies.UserReader)]
    public static async Task<UserActivityResponse> Get(string userId, int? limit, long? min_sequence, IOrdersStore store, TimeProvider clock,
        CancellationToken ct)
    {
        if (limit is < 1 or > 500) throw new InvalidCommandException("'limit' is 1 to 500.");
        await ReadYourWrites.AtLeastSequence(store, UserActivityProjection.ProjectionName, min_sequence, clock, ct);
        await using var session = store.QuerySession();
        var rows = await session.Query<UserActivity>().Where(a => a.UserId == userId)
            .OrderByDescending(a => a.Sequence).Take(limit ?? 100).ToListAsync(ct);
        return new UserActivityResponse(userId, [.. rows.Select(a => new UserActivityRow(a.ActivityType, a.OrderId, a.Detail, a.OccurredAt))]);
    }
}
