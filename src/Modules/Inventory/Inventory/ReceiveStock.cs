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

namespace Commerce.Inventory;

public sealed record ReceiveStock(string? CommandId, string ProductId, int Quantity, long? ExpectedVersion = null) : IVersionedCommand
{
    public sealed class Validator : AbstractValidator<ReceiveStock>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.ProductId).Identifier("product_id");
            RuleFor(c => c.Quantity).Quantity("quantity");
            RuleFor(c => c.ExpectedVersion).ExpectedVersion();
        }
    }

    public static Events Decide(Product? product, ReceiveStock command, DateTimeOffset now) =>
        product is null
            ? throw new NotFoundException($"Product '{command.ProductId}' does not exist.")
            : [new StockReceived(product.Id, command.Quantity, now)];
}

public static class ReceiveStockEndpoint
{
    [WolverinePost("/api/v1/commands/receive-stock"), Tags("Inventory"), Authorize(Policy = Policies.Operators)]
    public static Task<IResult> Post(ReceiveStock command, CommandGateway gateway, IInventoryStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class ReceiveStockHandler
{
    public static CommandResult Handle(ReceiveStock command, [WriteAggregate(Required = false)] IEventStream<Product> stream, CommandScope scope) =>
        scope.Accept(stream, ReceiveStock.Decide(stream.Aggregate, command, scope.Now));
}
