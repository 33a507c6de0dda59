using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Privacy;
using Commerce.BuildingBlocks.Validation;
using Commerce.Orders.Customers;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Commerce.Orders;

/// A confirmed order leaves the warehouse.
public sealed record ShipOrder(string? CommandId, string OrderId, string TrackingNumber, long? ExpectedVersion = null) : IVersionedCommand
{
    public sealed class Validator : AbstractValidator<ShipOrder>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.OrderId).Identifier("order_id");
            RuleFor(c => c.TrackingNumber).Identifier("tracking_number");
            RuleFor(c => c.ExpectedVersion).ExpectedVersion();
        }
    }

    /// Delivery: whether the order's address can be read (shipping reads it from the order's details).
    public static Events Decide(Order? order, ShipOrder command, PersonalDataState delivery, DateTimeOffset now) =>
        order switch
        {
            null => throw NotFoundException.Order(command.OrderId),
            { Status: OrderStatus.Confirmed } when delivery == PersonalDataState.Erased =>
                throw new DomainException($"The customer of order '{order.Id}' was forgotten: there is no address to ship it to."),
            { Status: OrderStatus.Confirmed } => [new OrderShipped(order.Id, command.TrackingNumber, now)],
            _ => throw new DomainException($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; only a confirmed order can be shipped."),
        };
}

public static class ShipOrderEndpoint
{
    [WolverinePost("/api/v1/commands/ship-order"), Tags("Orders"), Authorize(Policy = Policies.Operators)]
    public static Task<IResult> Post(ShipOrder command, CommandGateway gateway, IOrdersStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class ShipOrderHandler
{
    public static async Task<CommandResult> Handle(ShipOrder command, [WriteAggregate(Required = false)] IEventStream<Order> stream,
        PersonalData personal, CommandScope scope, CancellationToken ct)
    {
        var (state, _) = await personal.Open<DeliveryDetails>(stream.Aggregate?.Delivery, ct);
        return scope.Accept(stream, ShipOrder.Decide(stream.Aggregate, command, state, scope.Now));
    }
}
