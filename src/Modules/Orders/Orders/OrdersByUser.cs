using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Queries;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders;

/// One order as the orders-by-user list shows it: the order_summary row, kept by an async projection
/// (Marten's daemon, checkpointed) with the store sequence it reflects.
public sealed record UserOrder(string Id, OrderSummary Order, long Sequence);

public sealed class OrdersByUserProjection : SingleStreamProjection<UserOrder, string>
{
    public const string ProjectionName = "OrdersByUser";

    public OrdersByUserProjection()
    {
        Name = ProjectionName;
        // A rebuild reads the archived orders too (Retention).
        IncludeArchivedEvents = true;
    }

    public override UserOrder? Evolve(UserOrder? snapshot, string id, IEvent e) =>
        OrderSummary.Next(snapshot?.Order, e) is { } order ? new UserOrder(id, order, e.Sequence) : snapshot;
}

public sealed record UserOrderRow(string OrderId, string Status, decimal Total, string Currency, int ItemsCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserOrdersResponse(string UserId, int Page, int PageSize, long TotalCount, IReadOnlyList<UserOrderRow> Orders);

/// The seeds' orders of a user, newest first, with paging and a status filter; a moment behind the
/// commands (min_sequence waits for a command's position).
public static class OrdersByUserEndpoint
{
    [WolverineGet("/api/v1/query/orders/{userId}"), Tags("Orders"), Authorize(Policy = Policies.UserReader)]
    public static async Task<UserOrdersResponse> Get(string userId, string? status, int? page, int? page_size, long? min_sequence,
        IOrdersStore store, TimeProvider clock, CancellationToken ct)
    {
        var (p, size) = (page ?? 1, page_size ?? 20);
        if (p < 1 || size is < 1 or > 100) throw new InvalidCommandException("'page' starts at 1 and 'page_size' is 1 to 100.");
        if ((long)(p - 1) * size > int.MaxValue) throw new InvalidCommandException("'page' is beyond any list of orders.");
        if (status is not null && !OrderStatusNames.All.Contains(status))
            throw new InvalidCommandException($"Unknown status '{status}'; use one of {string.Join(", ", OrderStatusNames.All)}.");
        await ReadYourWrites.AtLeastSequence(store, OrdersByUserProjection.ProjectionName, min_sequence, clock, ct);
        await using var session = store.QuerySession();
        var query = session.Query<UserOrder>().Where(u => u.Order.UserId == userId);
        if (status is not null) query = query.Where(u => u.Order.Status == status);
        var total = await query.CountAsync(ct);
        var orders = await query.OrderByDescending(u => u.Order.CreatedAt).ThenBy(u => u.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new UserOrdersResponse(userId, p, size, total, [.. orders.Select(u => u.Order).Select(o =>
            new UserOrderRow(o.Id, o.Status, o.TotalAmount, o.Currency, o.ItemsCount, o.CreatedAt, o.UpdatedAt))]);
    }
}
