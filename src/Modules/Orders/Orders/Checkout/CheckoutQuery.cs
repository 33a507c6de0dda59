using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders.Checkout;

public sealed record CheckoutView(string OrderId, string State, bool StockHeld, bool Charged, bool RefundRequested,
    string? FailureReason, DateTimeOffset? DeadlineAt, string? DeadlineStep, int Attempt, IReadOnlyList<CheckoutStepRecord> Steps);

/// For support staff and tests: where a checkout stands, what it did, and why it failed.
public static class CheckoutQueryEndpoint
{
    [WolverineGet("/api/v1/query/checkouts/{orderId}"), Tags("Orders"), Authorize(Policy = Policies.CheckoutReader)]
    public static async Task<CheckoutView> Get(string orderId, IOrdersStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var s = await session.LoadAsync<CheckoutState>(CheckoutKey.For(orderId), ct)
            ?? throw NotFoundException.Checkout(orderId);
        return new CheckoutView(s.OrderId, ToSnakeCase(s.CurrentState), s.StockHeld, s.Charged, s.RefundRequested,
            s.FailureReason, s.DeadlineAt, s.DeadlineStep, s.Attempt, s.Steps);
    }

    static string ToSnakeCase(string state) =>
        string.Concat(state.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}
