using Commerce.BuildingBlocks.Commands;
using Microsoft.AspNetCore.Http;

namespace Commerce.Orders;

/// The order events an operator may append through the event-store API: shipping and cancelling, each
/// decided by its command.
public sealed class OrdersRawAppend(CommandGateway gateway, IOrdersStore store) : IRawAppendMap
{
    public IReadOnlyList<string> EventTypes { get; } = [nameof(OrderShipped), nameof(OrderCancelled)];

    public Task<IResult>? Append(RawAppend append, HttpContext http, CancellationToken ct) => append.EventType switch
    {
        nameof(OrderShipped) => gateway.Send(store,
            new ShipOrder(append.CommandId, append.AggregateId, append.Field("tracking_number"), append.ExpectedVersion), http, ct),
        nameof(OrderCancelled) => gateway.Send(store,
            new CancelOrder(append.CommandId, append.AggregateId, append.Field("reason"), append.ExpectedVersion), http, ct),
        _ => null,
    };
}
