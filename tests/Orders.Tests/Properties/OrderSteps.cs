using System.Globalization;
using CsCheck;

namespace Commerce.Orders.Tests.Properties;

/// One thing that happens to an order: a customer's command or a message from its checkout.
public abstract record OrderStep;

public sealed record Place(IReadOnlyList<OrderItem> Items, string? PaymentMethod) : OrderStep
{
    public override string ToString() =>
        $"place {string.Join(", ", Items.Select(i => i.Price is { } p ? string.Create(CultureInfo.InvariantCulture, $"{i.Quantity} {i.ProductId} at {p:0.00}") : $"{i.Quantity} {i.ProductId}"))}" +
        (PaymentMethod is null ? "" : $" paying {PaymentMethod}");
}

public sealed record Pay(string PaymentMethod, bool RightAmount) : OrderStep
{
    public override string ToString() => $"pay {PaymentMethod}{(RightAmount ? "" : " the wrong amount")}";
}

public sealed record CustomerCancels : OrderStep
{
    public override string ToString() => "customer cancels";
}

public sealed record Ship : OrderStep
{
    public override string ToString() => "ship";
}

public sealed record CheckoutConfirms : OrderStep
{
    public override string ToString() => "checkout confirms";
}

public sealed record CheckoutCancels : OrderStep
{
    public override string ToString() => "checkout cancels";
}

/// A step another module reported, recorded on the order by the checkout saga.
public sealed record CheckoutReports(string Step) : OrderStep
{
    public override string ToString() => $"checkout reports {Step}";
}

/// Sequences on one order: mostly valid, some not (unknown or foreign-currency products, a wrong
/// price, a zero quantity, an unknown payment token, a wrong amount, steps out of order or twice).
public static class OrderSteps
{
    public const string Ghost = "sku-ghost";

    public static readonly string[] Reports =
        ["stock_reserved", "stock_reservation_failed", "stock_released", "payment_charged", "payment_declined", "payment_refunded"];

    static readonly Gen<OrderItem> Item = Gen.Select(
        Gen.Frequency((6, Given.Keyboard.Id), (6, Given.Mouse.Id), (1, Given.Cable.Id), (1, Ghost)),
        Gen.Frequency((12, Gen.Int[1, 5]), (1, Gen.Const(0))),
        Gen.Frequency<decimal?>((8, null), (2, 9.50m), (1, 1m)),
        (sku, quantity, price) => new OrderItem(sku, quantity, price));

    static readonly Gen<string?> Method = Gen.Frequency<string?>((4, null), (4, "tok_visa"), (1, "tok_bogus"));

    static readonly Gen<OrderStep> Step = Gen.Frequency(
        (3, Gen.Select(Item.Array[1, 3], Method, (items, method) => (OrderStep)new Place(items, method))),
        (2, Gen.Select(Gen.OneOf("tok_visa", "tok_chargeDeclined", "tok_bogus"), Gen.Frequency((5, true), (1, false)),
            (method, right) => (OrderStep)new Pay(method, right))),
        (1, Gen.Const<OrderStep>(new CustomerCancels())),
        (1, Gen.Const<OrderStep>(new Ship())),
        (2, Gen.Const<OrderStep>(new CheckoutConfirms())),
        (1, Gen.Const<OrderStep>(new CheckoutCancels())),
        (4, Gen.OneOf(Reports).Select(r => (OrderStep)new CheckoutReports(r))));

    // Most sequences start with an order that can be placed, so the steps after it have one to act on.
    static readonly Gen<OrderStep[]> Opening = Gen.Frequency(
        (4, Gen.Select(Gen.Int[1, 3], Gen.OneOf<string?>(null, "tok_visa"),
            (keyboards, method) => (OrderStep[])[new Place([new OrderItem(Given.Keyboard.Id, keyboards), new OrderItem(Given.Mouse.Id, 1)], method)])),
        (1, Gen.Const<OrderStep[]>([])));

    public static readonly Gen<OrderStep[]> Sequences = Gen.Select(Opening, Step.Array[1, 25], (opening, steps) => (OrderStep[])[.. opening, .. steps]);
}
