using System.Globalization;
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

public sealed record ChangePrice(string? CommandId, string ProductId, decimal Price, long? ExpectedVersion = null) : IVersionedCommand
{
    public sealed class Validator : AbstractValidator<ChangePrice>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.ProductId).Identifier("product_id");
            RuleFor(c => c.Price).Money("price");
            RuleFor(c => c.ExpectedVersion).ExpectedVersion();
        }
    }

    // An unchanged price is refused rather than recorded: an event that changes nothing would still
    // bump the version and make other clients' expected_version fail for no reason.
    public static Events Decide(Product? product, ChangePrice command, DateTimeOffset now) =>
        product is null ? throw new NotFoundException($"Product '{command.ProductId}' does not exist.")
        : product.Price == command.Price ? throw new DomainException(
            string.Create(CultureInfo.InvariantCulture, $"Product '{product.Id}' already costs {product.Price:0.00} {product.Currency}."))
        : [new ProductPriceChanged(product.Id, product.Price, command.Price, product.Currency, now)];
}

public static class ChangePriceEndpoint
{
    [WolverinePost("/api/v1/commands/change-price"), Tags("Inventory"), Authorize(Policy = Policies.Operators)]
    public static Task<IResult> Post(ChangePrice command, CommandGateway gateway, IInventoryStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class ChangePriceHandler
{
    public static CommandResult Handle(ChangePrice command, [WriteAggregate(Required = false)] IEventStream<Product> stream, CommandScope scope) =>
        scope.Accept(stream, ChangePrice.Decide(stream.Aggregate, command, scope.Now));
}
