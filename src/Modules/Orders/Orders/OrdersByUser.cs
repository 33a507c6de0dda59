using Commerce.BuildingBlocks.Errors;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders;

public sealed record UserOrderRow(string OrderId, string Status, decimal Total, string Currency, int ItemsCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserOrdersResponse(string UserId, int Page, int PageSize, long TotalCount, IReadOnlyList<UserOrderRow> Orders);

/// The seeds' orders of a user, newest first, with paging and a status filter. It reads the inline
/// order documents (they hold every order_summary column, indexed by user and status as in the seeds).
public static class OrdersByUserEndpoint
{
    static readonly string[] Statuses = ["placed", "awaiting_payment", "confirmed", "shipped", "cancelled"];

    [WolverineGet("/api/v1/query/orders/{userId}"), Tags("Orders")]
    public static async Task<UserOrdersResponse> Get(string userId, string? status, int? page, int? page_size, IOrdersStore store, CancellationToken ct)
    {
        var (p, size) = (page ?? 1, page_size ?? 20);
        if (p < 1 || size is < 1 or > 100) throw new InvalidCommandException("'page' starts at 1 and 'page_size' is 1 to 100.");
        if (status is not null && !Statuses.Contains(status))
            throw new InvalidCommandException($"Unknown status '{status}'; use one of {string.Join(", ", Statuses)}.");
        await using var session = store.QuerySession();
        var query = session.Query<OrderDetails>().Where(d => d.UserId == userId);
        if (status is not null) query = query.Where(d => d.Status == status);
        var total = await query.CountAsync(ct);
        var orders = await query.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new UserOrdersResponse(userId, p, size, total, [.. orders.Select(d =>
            new UserOrderRow(d.Id, d.Status, d.Total, d.Currency, d.Items.Sum(i => i.Quantity), d.CreatedAt, d.UpdatedAt))]);
    }
}
