using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Validation;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Commerce.Orders;

/// A customer cancels an order before it is confirmed; the checkout undoes what was done.
public sealed record CancelOrder(string? CommandId, string OrderId, string Reason, long? ExpectedVersion = null) : IVersionedCommand
{
    public sealed class Validator : AbstractValidator<CancelOrder>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.OrderId).Identifier("order_id");
            RuleFor(c => c.Reason).Text("reason", 500);
            RuleFor(c => c.ExpectedVersion).ExpectedVersion();
        }
    }

    public static Events Decide(Order? order, CancelOrder command, DateTimeOffset now) =>
        order switch
        {
            null => throw NotFoundException.Order(command.OrderId),
            { IsOpen: true } => [new OrderCancelled(order.Id, command.Reason, now)],
            _ => throw new DomainException($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; it can no longer be cancelled."),
        };
}

public static class CancelOrderEndpoint
{
    [WolverinePost("/api/v1/commands/cancel-order"), Tags("Orders"), Authorize(Policy = Policies.OrderOwner)]
    public static Task<IResult> Post(CancelOrder command, CommandGateway gateway, IOrdersStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class CancelOrderHandler
{
    public static CommandResult Handle(CancelOrder command, [WriteAggregate(Required = false)] IEventStream<Order> stream, CommandScope scope) =>
        scope.Accept(stream, CancelOrder.Decide(stream.Aggregate, command, scope.Now));
}
