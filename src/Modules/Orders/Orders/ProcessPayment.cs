using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Validation;
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

/// The customer pays an order placed without a payment method (the seeds' process-payment).
public sealed record ProcessPayment(string? CommandId, string OrderId, string PaymentMethod, decimal Amount, long? ExpectedVersion = null)
    : IVersionedCommand
{
    public sealed class Validator : AbstractValidator<ProcessPayment>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.OrderId).Identifier("order_id");
            RuleFor(c => c.PaymentMethod).Must(PaymentMethods.IsKnown).WithMessage(c => PaymentMethods.UnknownMessage(c.PaymentMethod));
            RuleFor(c => c.Amount).Money("amount");
            RuleFor(c => c.ExpectedVersion).ExpectedVersion();
        }
    }

    public static Events Decide(Order? order, ProcessPayment command, DateTimeOffset now)
    {
        if (order is null) throw NotFoundException.Order(command.OrderId);
        if (!order.IsOpen)
            throw new DomainException($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; it cannot be paid.");
        if (order.PaymentMethod is not null)
            throw new DomainException($"Order '{order.Id}' already has a payment method ({order.PaymentMethod}).");
        if (command.Amount != order.Total)
            throw new InvalidCommandException(
                $"The amount {MoneyText.Of(command.Amount)} does not match the order total {MoneyText.Of(order.Total)} {order.Currency}.",
                new Dictionary<string, string[]> { ["amount"] = [$"Must be the order total, {MoneyText.Of(order.Total)}."] });
        return [new OrderPaymentSubmitted(order.Id, command.PaymentMethod, command.Amount, order.Currency, now)];
    }
}

public static class ProcessPaymentEndpoint
{
    [WolverinePost("/api/v1/commands/process-payment"), Tags("Orders"), Authorize(Policy = Policies.OrderOwner)]
    public static Task<IResult> Post(ProcessPayment command, CommandGateway gateway, IOrdersStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class ProcessPaymentHandler
{
    public static CommandResult Handle(ProcessPayment command, [WriteAggregate(Required = false)] IEventStream<Order> stream, CommandScope scope) =>
        scope.Accept(stream, ProcessPayment.Decide(stream.Aggregate, command, scope.Now));
}
