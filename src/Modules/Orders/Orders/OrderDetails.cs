using System.Globalization;
using System.Linq.Expressions;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Privacy;
using Commerce.BuildingBlocks.Queries;
using Commerce.Orders.Customers;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Archiving;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders;

public sealed record OrderDetailsLine(string ProductId, string Name, int Quantity, decimal UnitPrice);

public sealed record TimelineEntry(string Event, DateTimeOffset Timestamp, string? Detail = null);

/// The seeds' order details with a timeline of every checkout step. Inline: written in the same
/// transaction as the order's events, so it is current as soon as a command answers. The delivery
/// details stay sealed here as in the event: the route opens them.
public sealed record OrderDetails(string Id, string UserId, string Status, IReadOnlyList<OrderDetailsLine> Items, decimal Total, string Currency,
    string? PaymentMethod, string? CancelReason, string? TrackingNumber, IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, string? Delivery = null);

public sealed class OrderDetailsProjection : SingleStreamProjection<OrderDetails, string>
{
    // A rebuild, and time travel, read archived orders too (Retention).
    public OrderDetailsProjection() => IncludeArchivedEvents = true;

    public static OrderDetails Create(IEvent<OrderPlaced> e) => new(e.Data.OrderId, e.Data.UserId, OrderStatusNames.Placed,
        [.. e.Data.Lines.Select(l => new OrderDetailsLine(l.ProductId, l.Name, l.Quantity, l.UnitPrice))], e.Data.Total, e.Data.Currency,
        e.Data.PaymentMethod, null, null, [new TimelineEntry("placed", e.Data.PlacedAt)], e.Data.PlacedAt, e.Data.PlacedAt, e.Version,
        e.Data.Delivery);

    public static OrderDetails Apply(IEvent<OrderPaymentSubmitted> e, OrderDetails d) =>
        Step(d, e, "payment_submitted", e.Data.SubmittedAt) with { PaymentMethod = e.Data.PaymentMethod };

    public static OrderDetails Apply(IEvent<CheckoutStockReserved> e, OrderDetails d) =>
        Step(d, e, "stock_reserved", e.Data.ReservedAt) with { Status = OrderStatusNames.AfterStockReserved(d.Status, d.PaymentMethod) };

    public static OrderDetails Apply(IEvent<CheckoutStockReservationFailed> e, OrderDetails d) => Step(d, e, "stock_reservation_failed", e.Data.FailedAt, e.Data.Reason);
    public static OrderDetails Apply(IEvent<CheckoutStockReleased> e, OrderDetails d) => Step(d, e, "stock_released", e.Data.ReleasedAt);
    public static OrderDetails Apply(IEvent<CheckoutPaymentCharged> e, OrderDetails d) => Step(d, e, "paid", e.Data.ChargedAt);
    public static OrderDetails Apply(IEvent<CheckoutPaymentDeclined> e, OrderDetails d) => Step(d, e, "payment_declined", e.Data.DeclinedAt, e.Data.Reason);
    public static OrderDetails Apply(IEvent<CheckoutPaymentRefunded> e, OrderDetails d) => Step(d, e, "refunded", e.Data.RefundedAt);
    public static OrderDetails Apply(IEvent<OrderConfirmed> e, OrderDetails d) => Step(d, e, "confirmed", e.Data.ConfirmedAt) with { Status = OrderStatusNames.Confirmed };

    public static OrderDetails Apply(IEvent<OrderShipped> e, OrderDetails d) =>
        Step(d, e, "shipped", e.Data.ShippedAt, e.Data.TrackingNumber) with { Status = OrderStatusNames.Shipped, TrackingNumber = e.Data.TrackingNumber };

    public static OrderDetails Apply(IEvent<OrderCancelled> e, OrderDetails d) =>
        Step(d, e, "cancelled", e.Data.CancelledAt, e.Data.Reason) with { Status = OrderStatusNames.Cancelled, CancelReason = e.Data.Reason };

    static OrderDetails Step(OrderDetails d, IEvent e, string name, DateTimeOffset at, string? detail = null) =>
        d with { Timeline = [.. d.Timeline, new TimelineEntry(name, at, detail)], UpdatedAt = at, Version = e.Version };
}

/// PersonalData says whether Email and ShippingAddress are there ("present"), were erased ("erased") or
/// were never given ("none": orders placed before they were asked for).
public sealed record OrderDetailsResponse(string OrderId, string UserId, string Status, IReadOnlyList<OrderDetailsLine> Items, int ItemsCount,
    decimal Total, string Currency, string? PaymentMethod, string? CancelReason, string? TrackingNumber,
    IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version,
    string? Email, ShippingAddress? ShippingAddress, PersonalDataState PersonalData);

public static class OrderDetailsEndpoint
{
    // ?at_version=N or ?as_of=<timestamp> travel back in time: the same projection, replayed from the
    // order's events up to that point (the one query that reads a stream).
    [WolverineGet("/api/v1/query/order-details/{orderId}"), Tags("Orders"), Authorize(Policy = Policies.OrderHistoryReader)]
    public static async Task<OrderDetailsResponse> Get(string orderId, long? at_version, string? as_of, long? min_version, IOrdersStore store,
        PersonalData personal, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var d = (at_version, as_of) switch
        {
            (null, null) => await ReadYourWrites.AtLeastVersion(() => session.LoadAsync<OrderDetails>(orderId, ct), d => d.Version, min_version, clock, ct),
            ({ } version, null) when version >= 1 => await Replayed(session, orderId, e => e.Version <= version, ct),
            (null, { } text) when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) =>
                await Replayed(session, orderId, e => e.Timestamp <= at, ct),
            _ => throw new InvalidCommandException("Use either 'at_version' (1 or more) or 'as_of' (an ISO 8601 timestamp), not both."),
        };
        if (d is null) throw NotFoundException.Order(orderId, atAPoint: at_version is not null || as_of is not null);
        var (state, delivery) = await personal.Open<DeliveryDetails>(d.Delivery, ct);
        return new OrderDetailsResponse(d.Id, d.UserId, d.Status, d.Items, d.Items.Sum(i => i.Quantity), d.Total, d.Currency, d.PaymentMethod,
            d.CancelReason, d.TrackingNumber, d.Timeline, d.CreatedAt, d.UpdatedAt, d.Version, delivery?.Email, delivery?.ShippingAddress, state);
    }

    // The order's events up to a point, archived ones too (an order that ended long ago), folded by the
    // same projection.
    static async Task<OrderDetails?> Replayed(IQuerySession session, string orderId, Expression<Func<IEvent, bool>> upTo,
        CancellationToken ct) =>
        await session.Events.QueryAllRawEvents().Where(e => e.StreamKey == orderId && e.MaybeArchived()).Where(upTo).OrderBy(e => e.Version)
            .AggregateToAsync<OrderDetails>(token: ct);
}
