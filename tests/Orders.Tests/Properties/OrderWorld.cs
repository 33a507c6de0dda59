using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Privacy;
using Commerce.Orders.Checkout;
using Commerce.Testing;
using FluentValidation;
using JasperFx.Events;

namespace Commerce.Orders.Tests.Properties;

/// One order driven by its decisions and the checkout's handlers: a customer's command is validated
/// and decided on the current order (a refusal writes nothing); a checkout message goes through its
/// own handler.
public sealed class OrderWorld(MartenReplay replay) : StreamWorld<OrderStep, Order>(replay, OrderId)
{
    const string OrderId = "order-1";

    protected override bool IsRefusal(Exception exception) =>
        exception is DomainException or NotFoundException or InvalidCommandException or ValidationException;

    protected override IReadOnlyList<object> Decide(OrderStep stepToRun, DateTimeOffset now) => stepToRun switch
    {
        Place s => [.. CreateOrder.Decide(State, Valid(new CreateOrder("cmd", OrderId, "user-1", s.Items, s.PaymentMethod, "ada@example.test", Given.Address),
            new CreateOrder.Validator()), Given.Catalog, Given.SealedDelivery, now)],
        Pay s => [.. ProcessPayment.Decide(State, Valid(new ProcessPayment("cmd", OrderId, s.PaymentMethod,
            (State?.Total ?? 10m) + (s.RightAmount ? 0m : 1m)), new ProcessPayment.Validator()), now)],
        CustomerCancels => [.. CancelOrder.Decide(State, Valid(new CancelOrder("cmd", OrderId, "changed my mind"), new CancelOrder.Validator()), now)],
        Ship => [.. ShipOrder.Decide(State, Valid(new ShipOrder("cmd", OrderId, "track-1"), new ShipOrder.Validator()), PersonalDataState.Present, now)],
        CheckoutConfirms => [.. new ConfirmOrderIfOpen(OrderId, now).Decide(State)],
        CheckoutCancels => [.. new CancelOrderIfOpen(OrderId, "payment declined", now).Decide(State)],
        // The checkout saga appends each step to an existing order once.
        CheckoutReports s => State is null || State.HasStep(Reported(s.Step, now).GetType().Name) ? [] : [Reported(s.Step, now)],
        _ => throw new ArgumentOutOfRangeException(nameof(stepToRun), stepToRun, null),
    };

    static object Reported(string step, DateTimeOffset at) => step switch
    {
        "stock_reserved" => new CheckoutStockReserved(OrderId, at),
        "stock_reservation_failed" => new CheckoutStockReservationFailed(OrderId, "short", at),
        "stock_released" => new CheckoutStockReleased(OrderId, at),
        "payment_charged" => new CheckoutPaymentCharged(OrderId, 23.25m, at),
        "payment_declined" => new CheckoutPaymentDeclined(OrderId, "declined", at),
        "payment_refunded" => new CheckoutPaymentRefunded(OrderId, 23.25m, at),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    static T Valid<T>(T command, IValidator<T> validator)
    {
        validator.ValidateAndThrow(command);
        return command;
    }

    // The status and the money are checked against the stream's own events, not only the aggregate.
    protected override IEnumerable<string> Invariants(Order state)
    {
        var placed = Stream.OfType<OrderPlaced>().Single();
        int Count<T>() => Stream.OfType<T>().Count();
        var expected = Count<OrderCancelled>() > 0 ? OrderStatus.Cancelled
            : Count<OrderShipped>() > 0 ? OrderStatus.Shipped
            : Count<OrderConfirmed>() > 0 ? OrderStatus.Confirmed
            : state.Status;
        if (state.Status != expected) yield return $"status {state.Status} but its events say {expected}";
        if (Count<OrderConfirmed>() > 0 && Count<OrderCancelled>() > 0) yield return "both confirmed and cancelled";
        if (Count<OrderShipped>() > 0 && Stream.FindIndex(e => e is OrderShipped) < Stream.FindIndex(e => e is OrderConfirmed))
            yield return "shipped before it was confirmed";
        foreach (var type in Stream.GroupBy(e => e.GetType().Name).Where(g => g.Count() > 1)) yield return $"{type.Key} recorded {type.Count()} times";
        if (state.Total != state.Lines.Sum(l => l.LineTotal) || state.Total <= 0) yield return $"total {state.Total} is not the sum of its lines";
        if (state.Lines.Any(l => l.Quantity <= 0 || Given.Catalog[l.ProductId].UnitPrice != l.UnitPrice)) yield return "a line with no quantity or not the catalog's price";
        if (state.Lines.Select(l => Given.Catalog[l.ProductId].Currency).Distinct().Count() != 1 || state.Currency != placed.Currency) yield return "lines in more than one currency";
        var submitted = Stream.OfType<OrderPaymentSubmitted>().SingleOrDefault();
        if (state.PaymentMethod != (placed.PaymentMethod ?? submitted?.PaymentMethod)) yield return $"payment method {state.PaymentMethod} is not the one placed or submitted";
        if (submitted is not null && (placed.PaymentMethod is not null || submitted.Amount != state.Total)) yield return "a payment submitted twice or for another amount";
        if (state.Status == OrderStatus.AwaitingPayment && (placed.PaymentMethod is not null || !state.HasStep(nameof(CheckoutStockReserved))))
            yield return "awaiting payment though placed with a payment method, or before its stock was reserved";
        if (Stream.OfType<OrderConfirmed>().SingleOrDefault() is { } confirmed && (confirmed.Total != state.Total || confirmed.ItemsCount != state.Lines.Sum(l => l.Quantity)))
            yield return "confirmed with another total or item count";
    }

    protected override string Describe(Order? state) => state is not { } o ? "nothing" :
        $"{o.Status}, {string.Join(" + ", o.Lines.Select(l => $"{l.Quantity} {l.ProductId} at {l.UnitPrice}"))} = {o.Total} {o.Currency}, " +
        $"paying {o.PaymentMethod ?? "-"}, cancelled {o.CancelReason ?? "-"}, tracking {o.TrackingNumber ?? "-"}, " +
        $"steps {string.Join(" ", (o.CheckoutSteps ?? []).Order(StringComparer.Ordinal))}";
}
