using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Validation;
using Commerce.Inventory.Contracts;
using FluentValidation;
using Marten;
using MassTransit;
using Wolverine;

namespace Commerce.Inventory;

public sealed record ReserveStockForOrder(string OrderId, IReadOnlyList<OrderStockLine> Lines)
{
    // A malformed message is the sender's bug, not a business outcome: it goes to the error queue.
    public sealed class Validator : AbstractValidator<ReserveStockForOrder>
    {
        public Validator()
        {
            RuleFor(c => c.OrderId).Identifier("order_id");
            RuleFor(c => c.Lines).NotEmpty().WithMessage("'lines' must list at least one product.");
            RuleForEach(c => c.Lines).ChildRules(line =>
            {
                line.RuleFor(l => l.ProductId).Identifier("product_id");
                line.RuleFor(l => l.Quantity).Quantity("quantity");
            });
        }
    }

    // All or nothing: the first line that cannot be had fails the order, and only a short product
    // records that; otherwise every product records its share. An order decided before (reserved,
    // failed, or released before its reserve arrived) changes nothing: the first outcome's
    // integration event, published at least once, is the answer.
    public static StockDecision Decide(CheckoutStock stock, ReserveStockForOrder command, DateTimeOffset now)
    {
        if (stock.Reservation is not null) return StockDecision.Nothing;
        var lines = Merged(command.Lines);
        var reserved = new List<ProductEvents>();
        foreach (var line in lines)
        {
            if (!stock.Products.TryGetValue(line.ProductId, out var product))
            {
                return new StockDecision(new OrderStockReservationFailed(command.OrderId, line.ProductId, line.Quantity, 0,
                    $"Product '{line.ProductId}' does not exist.", now), []);
            }
            switch (StockReservations.Reserve(product, command.OrderId, line.Quantity, now))
            {
                case [StockReserved r]:
                    reserved.Add(new ProductEvents(product.Id, [r]));
                    break;
                case [StockReservationFailed f]:
                    return new StockDecision(new OrderStockReservationFailed(command.OrderId, product.Id, f.Requested, f.Available,
                        $"Not enough '{product.Id}': {f.Requested} requested, {f.Available} available.", now), [new ProductEvents(product.Id, [f])]);
                default:
                    // Products and reservations are written in one transaction, so this means a bug.
                    throw new InvalidOperationException($"Product '{product.Id}' already knows order '{command.OrderId}', which has no reservation.");
            }
        }
        return new StockDecision(new OrderStockReserved(command.OrderId, lines, now), reserved);
    }

    // A product on two lines is one claim: reserving line by line would see the order on the second
    // line and drop its quantity.
    static List<OrderStockLine> Merged(IEnumerable<OrderStockLine> lines) =>
        [.. lines.GroupBy(l => l.ProductId, StringComparer.Ordinal).Select(g => new OrderStockLine(g.Key, g.Sum(l => l.Quantity)))];
}

public static class ReserveStockForOrderHandler
{
    public static Task<CheckoutStreams> LoadAsync(ReserveStockForOrder command, IDocumentSession session, CancellationToken ct) =>
        CheckoutStreams.ToReserve(session, command.OrderId, command.Lines.Select(l => l.ProductId), ct);

    public static void Handle(ReserveStockForOrder command, CheckoutStreams streams, CommandScope scope) =>
        streams.Append(ReserveStockForOrder.Decide(streams.State, command, scope.Now));
}

public sealed class ReserveStockConsumer : IConsumer<ReserveStock>
{
    public Task Consume(ConsumeContext<ReserveStock> context) =>
        Inbound.Handle(context, new ReserveStockForOrder(context.Message.OrderId,
            [.. (context.Message.Lines ?? []).Select(l => new OrderStockLine(l.ProductId, l.Quantity))]));
}
