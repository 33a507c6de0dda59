using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Validation;
using Commerce.Inventory.Contracts;
using FluentValidation;
using Marten;
using MassTransit;
using Wolverine;

namespace Commerce.Inventory;

public sealed record ReleaseStockForOrder(string OrderId, string Reason)
{
    // Only the order id is checked: a compensation must not be refused over the wording of its reason.
    public sealed class Validator : AbstractValidator<ReleaseStockForOrder>
    {
        public Validator() => RuleFor(c => c.OrderId).Identifier("order_id");
    }

    // Compensation must be safe to send at any time. An open reservation gives its stock back; an order
    // not seen yet is recorded as released so that a ReserveStock arriving late (a redelivery, a retry
    // that lost a race) finds it decided and reserves nothing that no one would ever release. A failed,
    // released or committed order holds nothing to give back.
    public static StockDecision Decide(CheckoutStock stock, ReleaseStockForOrder command, DateTimeOffset now)
    {
        var released = new OrderStockReleased(command.OrderId, command.Reason, now);
        return stock.Reservation?.Status switch
        {
            null => new StockDecision(released, []),
            OrderReservationStatus.Reserved => new StockDecision(released, [.. stock.Reservation.Held.Select(l =>
                new ProductEvents(l.ProductId, StockReservations.Release(stock.Products[l.ProductId], command.OrderId, now)))]),
            _ => StockDecision.Nothing,
        };
    }
}

public static class ReleaseStockForOrderHandler
{
    public static Task<CheckoutStreams> LoadAsync(ReleaseStockForOrder command, IDocumentSession session, CancellationToken ct) =>
        CheckoutStreams.HeldBy(session, command.OrderId, ct);

    public static void Handle(ReleaseStockForOrder command, CheckoutStreams streams, CommandScope scope) =>
        streams.Append(ReleaseStockForOrder.Decide(streams.State, command, scope.Now));
}

public sealed class ReleaseStockConsumer : IConsumer<ReleaseStock>
{
    public Task Consume(ConsumeContext<ReleaseStock> context) =>
        Inbound.Handle(context, new ReleaseStockForOrder(context.Message.OrderId, context.Message.Reason ?? ""));
}
