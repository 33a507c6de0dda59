using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Validation;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Http;

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

    public static ProductListed Decide(AddProduct command, bool alreadyListed, DateTimeOffset now) =>
        alreadyListed
            ? throw new DomainException($"Product '{command.ProductId}' already exists.")
            : new ProductListed(command.ProductId, command.Name, command.Price, command.Currency, now);
}

public static class AddProductEndpoint
{
    [WolverinePost("/api/v1/commands/add-product"), Tags("Inventory")]
    public static Task<IResult> Post(AddProduct command, CommandGateway gateway, IInventoryStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class AddProductHandler
{
    public static async Task<CommandResult> Handle(AddProduct command, IDocumentSession session, IMessageContext context,
        TimeProvider clock, CancellationToken ct)
    {
        var existing = await session.Events.FetchStreamStateAsync(command.ProductId, ct);
        var now = clock.GetUtcNow();
        return Accept.StartStream<Product>(session, context, command, command.ProductId, now,
            AddProduct.Decide(command, existing is not null, now));
    }
}
