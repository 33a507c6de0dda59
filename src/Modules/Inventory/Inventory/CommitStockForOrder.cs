using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Validation;
using Commerce.Inventory.Contracts;
using FluentValidation;
using Marten;
using MassTransit;
using Wolverine;

namespace Commerce.Inventory;

public sealed record CommitStockForOrder(string OrderId)
{
    public sealed class Validator : AbstractValidator<CommitStockForOrder>
    {
        public Validator() => RuleFor(c => c.OrderId).Identifier("order_id");
    }

    // A repeat changes nothing. A commit with no open reservation behind it would sell stock the order
    // never held, so it is refused (the message goes to the error queue) rather than ignored.
    public static StockDecision Decide(OrderReservation? reservation, IReadOnlyDictionary<string, Product> products,
        CommitStockForOrder command, DateTimeOffset now) => reservation?.Status switch
    {
        OrderReservationStatus.Reserved => new StockDecision(new OrderStockCommitted(command.OrderId, now), [.. reservation.Held.Select(l =>
            new ProductEvents(l.ProductId, StockReservations.Commit(products[l.ProductId], command.OrderId, now)))]),
        OrderReservationStatus.Committed => StockDecision.Nothing,
        OrderReservationStatus.Released => throw new DomainException(
            $"The stock reservation for order '{command.OrderId}' was released; it cannot be sold."),
        OrderReservationStatus.Failed => throw new DomainException(
            $"The stock reservation for order '{command.OrderId}' failed; there is nothing to sell."),
        _ => throw new DomainException($"No stock is reserved for order '{command.OrderId}'."),
    };
}

public static class CommitStockForOrderHandler
{
    public static Task Handle(CommitStockForOrder command, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct) =>
        CheckoutStreams.DecideOnHeldStock(session, context, command.OrderId,
            (reservation, products) => CommitStockForOrder.Decide(reservation, products, command, clock.GetUtcNow()), ct);
}

public sealed class CommitStockConsumer : IConsumer<CommitStock>
{
    public Task Consume(ConsumeContext<CommitStock> context) =>
        Inbound.Handle(context, new CommitStockForOrder(context.Message.OrderId));
}
