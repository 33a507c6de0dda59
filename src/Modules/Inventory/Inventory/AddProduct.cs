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

public sealed record AddProduct(string? CommandId, string ProductId, string Name, decimal Price, string Currency) : ICommand
{
    public sealed class Validator : AbstractValidator<AddProduct>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.ProductId).Identifier("product_id");
            RuleFor(c => c.Name).Text("name", 200);
            RuleFor(c => c.Price).Money("price");
            RuleFor(c => c.Currency).Currency();
        }
    }

    public static Events Decide(Product? product, AddProduct command, DateTimeOffset now) =>
        product is not null
            ? throw new DomainException($"Product '{command.ProductId}' already exists.")
            : [new ProductListed(command.ProductId, command.Name, command.Price, command.Currency, now)];
}

public static class AddProductEndpoint
{
    [WolverinePost("/api/v1/commands/add-product"), Tags("Inventory"), Authorize(Policy = Policies.Operators)]
    public static Task<IResult> Post(AddProduct command, CommandGateway gateway, IInventoryStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class AddProductHandler
{
    public static CommandResult Handle(AddProduct command, [WriteAggregate(Required = false)] IEventStream<Product> stream, CommandScope scope) =>
        scope.Accept(stream, AddProduct.Decide(stream.Aggregate, command, scope.Now));
}
