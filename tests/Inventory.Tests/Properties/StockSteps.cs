using System.Globalization;
using CsCheck;

namespace Commerce.Inventory.Tests.Properties;

/// One thing that happens to the stock, written as a counter-example reads: "reserve o2: 3 blue, 1 red".
public abstract record StockStep;

public sealed record ListProduct(string Sku) : StockStep
{
    public override string ToString() => $"list {Sku}";
}

public sealed record Receive(string Sku, int Quantity) : StockStep
{
    public override string ToString() => $"receive {Quantity} {Sku}";
}

public sealed record Reprice(string Sku, decimal Price) : StockStep
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"price {Sku} {Price:0.00}");
}

public sealed record Reserve(string OrderId, IReadOnlyList<OrderStockLine> Lines) : StockStep
{
    public override string ToString() => $"reserve {OrderId}: {string.Join(", ", Lines.Select(l => $"{l.Quantity} {l.ProductId}"))}";
}

public sealed record Release(string OrderId) : StockStep
{
    public override string ToString() => $"release {OrderId}";
}

public sealed record Commit(string OrderId) : StockStep
{
    public override string ToString() => $"commit {OrderId}";
}

/// Sequences of steps on two products and a few orders, mostly valid, some not: "ghost" is never
/// listed, quantities can be 0 or negative, an order can be committed before it is reserved or
/// reserved twice, and a price can be "changed" to what it already is.
public static class StockSteps
{
    public const string Blue = "blue";
    public const string Red = "red";
    public const string Ghost = "ghost";

    static readonly Gen<string> Listable = Gen.OneOf(Blue, Red);
    static readonly Gen<string> Sku = Gen.Frequency((6, Blue), (5, Red), (1, Ghost));
    static readonly Gen<string> Order = Gen.OneOf("o1", "o2", "o3", "o4", "o5", "o6");
    static readonly Gen<int> Quantity = Gen.Frequency((12, Gen.Int[1, 4]), (1, Gen.Int[-1, 0]));

    static readonly Gen<StockStep> Receiving = Gen.Select(Sku, Gen.Frequency((12, Gen.Int[1, 12]), (1, Gen.Int[-1, 0])),
        (sku, quantity) => (StockStep)new Receive(sku, quantity));

    static readonly Gen<StockStep> Step = Gen.Frequency(
        (1, Listable.Select(sku => (StockStep)new ListProduct(sku))),
        (3, Receiving),
        (1, Gen.Select(Listable, Gen.OneOf(9.50m, 12m), (sku, price) => (StockStep)new Reprice(sku, price))),
        (6, Gen.Select(Order, Gen.Select(Sku, Quantity, (sku, quantity) => new OrderStockLine(sku, quantity)).Array[1, 3],
            (order, lines) => (StockStep)new Reserve(order, lines))),
        (2, Order.Select(order => (StockStep)new Release(order))),
        (3, Order.Select(order => (StockStep)new Commit(order))));

    // Most sequences list and stock the products first, so that reservations mostly find stock; the
    // shrinker drops these steps like any other when they play no part.
    static readonly Gen<StockStep[]> Opening = Gen.Frequency(
        (4, Gen.Const<StockStep[]>([new ListProduct(Blue), new ListProduct(Red)])),
        (1, Gen.Const<StockStep[]>([])));

    public static readonly Gen<StockStep[]> Sequences =
        Gen.Select(Opening, Receiving.Array[0, 3], Step.Array[1, 40], (opening, stock, steps) => (StockStep[])[.. opening, .. stock, .. steps]);
}
