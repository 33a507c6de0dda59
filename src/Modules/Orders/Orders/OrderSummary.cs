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

/// The seeds' order_summary row. Inline: written in the same transaction as the order's events, so a
/// client holding a command's version reads it at once (min_version). The async orders-by-user read
/// model keeps the same row, so both share <see cref="Next"/>.
public sealed record OrderSummary(string Id, string UserId, string Status, decimal TotalAmount, string Currency, int ItemsCount,
    string? PaymentMethod, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LastEventVersion)
{
    public static OrderSummary? Next(OrderSummary? s, IEvent e) => (s, e.Data) switch
    {
        (null, OrderPlaced p) => new(p.OrderId, p.UserId, OrderStatusNames.Placed, p.Total, p.Currency, p.Lines.Sum(l => l.Quantity), p.PaymentMethod,
            p.PlacedAt, p.PlacedAt, e.Version),
        (null, _) => null,
        (_, OrderPaymentSubmitted p) => s.At(e, p.SubmittedAt) with { PaymentMethod = p.PaymentMethod },
        (_, CheckoutStockReserved r) => s.At(e, r.ReservedAt) with { Status = OrderStatusNames.AfterStockReserved(s.Status, s.PaymentMethod) },
        (_, OrderConfirmed c) => s.At(e, c.ConfirmedAt) with { Status = OrderStatusNames.Confirmed },
        (_, OrderShipped sh) => s.At(e, sh.ShippedAt) with { Status = OrderStatusNames.Shipped },
        (_, OrderCancelled c) => s.At(e, c.CancelledAt) with { Status = OrderStatusNames.Cancelled },
        _ => s with { LastEventVersion = e.Version },
    };

    OrderSummary At(IEvent e, DateTimeOffset at) => this with { UpdatedAt = at, LastEventVersion = e.Version };
}

public sealed class OrderSummaryProjection : SingleStreamProjection<OrderSummary, string>
{
    // A rebuild reads archived orders too (Retention).
    public OrderSummaryProjection() => IncludeArchivedEvents = true;

    public override OrderSummary? Evolve(OrderSummary? snapshot, string id, IEvent e) => OrderSummary.Next(snapshot, e);
}

public sealed record OrderSummaryResponse(string OrderId, string UserId, string Status, decimal TotalAmount, string Currency, int ItemsCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LastEventVersion);

public static class OrderSummaryEndpoint
{
    [WolverineGet("/api/v1/query/order-summary/{orderId}"), Tags("Orders"), Authorize(Policy = Policies.OrderReader)]
    public static async Task<OrderSummaryResponse> Get(string orderId, long? min_version, IOrdersStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var s = await ReadYourWrites.AtLeastVersion(() => session.LoadAsync<OrderSummary>(orderId, ct), s => s.LastEventVersion, min_version, clock, ct)
            ?? throw NotFoundException.Order(orderId);
        return new OrderSummaryResponse(s.Id, s.UserId, s.Status, s.TotalAmount, s.Currency, s.ItemsCount, s.CreatedAt, s.UpdatedAt, s.LastEventVersion);
    }
}
