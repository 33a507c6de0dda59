using Commerce.BuildingBlocks.Commands;
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
    public static StockDecision Decide(CheckoutStock stock, CommitStockForOrder command, DateTimeOffset now) => stock.Reservation?.Status switch
    {
        OrderReservationStatus.Reserved => new StockDecision(new OrderStockCommitted(command.OrderId, now), [.. stock.Reservation.Held.Select(l =>
            new ProductEvents(l.ProductId, StockReservations.Commit(stock.Products[l.ProductId], command.OrderId, now)))]),
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
    public static Task<CheckoutStreams> LoadAsync(CommitStockForOrder command, IDocumentSession session, CancellationToken ct) =>
        CheckoutStreams.HeldBy(session, command.OrderId, ct);

    public static void Handle(CommitStockForOrder command, CheckoutStreams streams, CommandScope scope) =>
        streams.Append(CommitStockForOrder.Decide(streams.State, command, scope.Now));
}

public sealed class CommitStockConsumer : IConsumer<CommitStock>
{
    public Task Consume(ConsumeContext<CommitStock> context) =>
        Inbound.Handle(context, new CommitStockForOrder(context.Message.OrderId));
}
