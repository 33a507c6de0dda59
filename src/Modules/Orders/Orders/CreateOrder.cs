using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Validation;
using Commerce.Orders.Customers;
using Commerce.Payments.Contracts;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Commerce.Orders;

public sealed record OrderItem(string ProductId, int Quantity, decimal? Price = null);

/// The seeds' create-order. Prices come from Orders' copy of the catalog; a client price, when sent,
/// must match it. The email and shipping address are personal data: sealed under the customer's key
/// before anything is written, and never printed.
public sealed record CreateOrder(string? CommandId, string? AggregateId, string UserId, IReadOnlyList<OrderItem> Items, string? PaymentMethod = null,
    string? Email = null, ShippingAddress? ShippingAddress = null)
    : IUserCommand
{
    public const int MaxLines = 100;

    public IUserCommand ForUser(string user) => this with { UserId = user };

    // Wolverine logs a failed command with its ToString.
    public override string ToString() =>
        $"CreateOrder {{ CommandId = {CommandId}, AggregateId = {AggregateId}, UserId = {UserId}, Items = {Items?.Count} lines, PaymentMethod = {PaymentMethod} }}";

    public sealed class Validator : AbstractValidator<CreateOrder>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.AggregateId!).Identifier("aggregate_id").When(c => c.AggregateId is not null);
            RuleFor(c => c.UserId).Identifier("user_id");
            RuleFor(c => c.Items).NotEmpty().WithMessage("'items' must list at least one product.")
                .Must(items => items is null || items.Count <= MaxLines).WithMessage($"'items' may list at most {MaxLines} products.")
                .Must(items => items is null || items.Select(i => i?.ProductId).Distinct().Count() == items.Count)
                .WithMessage("'items' lists a product twice; send one line per product with its total quantity.");
            RuleForEach(c => c.Items).NotNull().WithMessage("A line of 'items' is null; each line is an object with product_id and quantity.")
                .ChildRules(item =>
                {
                    item.RuleFor(i => i.ProductId).Identifier("product_id");
                    item.RuleFor(i => i.Quantity).Quantity("quantity");
                    item.RuleFor(i => i.Price!.Value).Money("price").When(i => i.Price is not null);
                });
            RuleFor(c => c.Email!).Text("email", DeliveryDetails.MaxEmailLength).EmailAddress().WithMessage("'email' must be an email address.");
            RuleFor(c => c.ShippingAddress).NotNull().WithMessage("'shipping_address' is required.")
                .SetValidator(new ShippingAddress.Validator()!);
            RuleFor(c => c.PaymentMethod).Must(PaymentMethods.IsKnown).When(c => c.PaymentMethod is not null)
                .WithMessage(c => PaymentMethods.UnknownMessage(c.PaymentMethod));
        }
    }

    // The catalog is the reference data the decision prices the lines with; the delivery details come
    // sealed (CreateOrderHandler), so the decision never holds them in the clear.
    public static Events Decide(Order? order, CreateOrder command, IReadOnlyDictionary<string, CatalogProduct> catalog, string sealedDelivery,
        DateTimeOffset now, bool idArchived = false)
    {
        var orderId = command.AggregateId ?? throw new ArgumentException("The order's id is chosen before it is decided.", nameof(command));
        if (order is not null || idArchived) throw new DomainException($"Order '{orderId}' already exists.");
        var lines = command.Items.Select(item =>
        {
            if (!catalog.TryGetValue(item.ProductId, out var product))
                throw new NotFoundException($"Product '{item.ProductId}' is not in the catalog.");
            if (item.Price is { } sent && sent != product.UnitPrice)
                throw new InvalidCommandException(
                    $"The price of '{item.ProductId}' is {MoneyText.Of(product.UnitPrice)} {product.Currency}, not {MoneyText.Of(sent)}.",
                    new Dictionary<string, string[]> { ["items"] = [$"'{item.ProductId}' costs {MoneyText.Of(product.UnitPrice)} {product.Currency}."] });
            return (Line: new OrderLine(product.Id, product.Name ?? product.Id, item.Quantity, product.UnitPrice), product.Currency);
        }).ToList();

        var currencies = lines.Select(l => l.Currency).Distinct().ToList();
        if (currencies.Count > 1)
            throw new InvalidCommandException($"An order has one currency; these products are priced in {string.Join(" and ", currencies)}.");

        var orderLines = lines.Select(l => l.Line).ToList();
        return [new OrderPlaced(orderId, command.UserId, orderLines, orderLines.Sum(l => l.LineTotal), currencies[0], command.PaymentMethod, now,
            sealedDelivery)];
    }
}

public static class CreateOrderEndpoint
{
    [WolverinePost("/api/v1/commands/create-order"), Tags("Orders"), Authorize(Policy = Policies.Customers)]
    public static Task<IResult> Post(CreateOrder command, CommandGateway gateway, IOrdersStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct,
            location: result => $"/api/v1/query/order-details/{result.AggregateId}",
            complete: c => c with { AggregateId = c.AggregateId ?? $"order-{Guid.NewGuid()}" });
}

/// What create-order decides with besides the command: the catalog's products it names, and whether its
/// id is an archived order's.
public sealed record PlacingInputs(IReadOnlyDictionary<string, CatalogProduct> Catalog, bool IdArchived);

public static class CreateOrderHandler
{
    // One round trip: the products, and whether the id belongs to an archived order (which the
    // aggregate workflow does not load: its id stays taken).
    public static async Task<PlacingInputs> LoadAsync(CreateOrder command, IDocumentSession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var products = batch.LoadMany<CatalogProduct>().ById([.. command.Items.Select(i => i.ProductId)]);
        var stream = batch.Events.FetchStreamState(command.AggregateId!);
        await batch.Execute(ct);
        return new((await products).ToDictionary(p => p.Id), (await stream)?.IsArchived == true);
    }

    public static async Task<CommandResult> Handle(CreateOrder command,
        [WriteAggregate(nameof(CreateOrder.AggregateId), Required = false)] IEventStream<Order> stream,
        PlacingInputs inputs, CommandScope scope, CancellationToken ct)
    {
        var delivery = await scope.Seal(command.UserId, new DeliveryDetails(command.Email!, command.ShippingAddress!), ct);
        return scope.Accept(stream, CreateOrder.Decide(stream.Aggregate, command, inputs.Catalog, delivery, scope.Now, inputs.IdArchived));
    }
}
