using Commerce.Testing;
using Commerce.BuildingBlocks.Errors;
using static Commerce.Inventory.Tests.History;

namespace Commerce.Inventory.Tests;

// Two products and one order's reservation, as briefly as the tests read.
static class Checkout
{
    public const string Order = "order-1";
    public const string Red = "mug-red";

    public static Product Blue(params object[] events) => Given.Product([Listed(), .. events]);
    public static Product RedMug(params object[] events) =>
        Given.Product([new ProductListed(Red, "Red mug", 9.50m, "EUR", Now.AddDays(-1)), .. events]);

    public static IReadOnlyDictionary<string, Product> Products(params Product[] products) => products.ToDictionary(p => p.Id);

    public static ReserveStockForOrder Reserve(params (string ProductId, int Quantity)[] lines) =>
        new(Order, [.. lines.Select(l => new OrderStockLine(l.ProductId, l.Quantity))]);

    public static OrderReservation Reservation(object first, params object[] rest) =>
        MartenReplay.Fold<OrderReservation>(OrderReservation.StreamKey(Order), [first, .. rest]);

    public static OrderStockReserved Reserved(params (string ProductId, int Quantity)[] lines) =>
        new(Order, [.. lines.Select(l => new OrderStockLine(l.ProductId, l.Quantity))], Now.AddHours(-1));
}

public sealed class ReserveStockForOrderTests
{
    [Fact]
    public void reserving_every_line_reserves_on_each_product_and_records_the_lines()
    {
        var products = Checkout.Products(Checkout.Blue(Received(5)), Checkout.RedMug(new StockReceived(Checkout.Red, 3, Now)));

        var decision = ReserveStockForOrder.Decide(new(null, products), Checkout.Reserve((Sku, 2), (Checkout.Red, 3)), Now);

        var reserved = Assert.IsType<OrderStockReserved>(decision.Reservation);
        Assert.Equal([new OrderStockLine(Sku, 2), new OrderStockLine(Checkout.Red, 3)], reserved.Lines);
        Assert.Equal(Now, reserved.ReservedAt);
        Assert.Equal(
            [new ProductEvents(Sku, [new StockReserved(Sku, Checkout.Order, 2, Now)]),
             new ProductEvents(Checkout.Red, [new StockReserved(Checkout.Red, Checkout.Order, 3, Now)])],
            decision.Products, ProductEventsComparer.Instance);
    }

    [Fact]
    public void one_short_line_fails_the_order_and_only_the_short_product_records_it()
    {
        var products = Checkout.Products(Checkout.Blue(Received(5)), Checkout.RedMug(new StockReceived(Checkout.Red, 1, Now)));

        var decision = ReserveStockForOrder.Decide(new(null, products), Checkout.Reserve((Sku, 2), (Checkout.Red, 3)), Now);

        Assert.Equal(new OrderStockReservationFailed(Checkout.Order, Checkout.Red, 3, 1, "Not enough 'mug-red': 3 requested, 1 available.", Now),
            decision.Reservation);
        var shortProduct = Assert.Single(decision.Products);
        Assert.Equal(Checkout.Red, shortProduct.ProductId);
        Assert.Equal(new StockReservationFailed(Checkout.Red, Checkout.Order, 3, 1, Now), Assert.Single(shortProduct.Events));
    }

    [Fact]
    public void an_unknown_product_fails_the_order_naming_it_and_touches_no_product()
    {
        var products = Checkout.Products(Checkout.Blue(Received(5)));

        var decision = ReserveStockForOrder.Decide(new(null, products), Checkout.Reserve((Sku, 2), ("mug-gone", 1)), Now);

        var failed = Assert.IsType<OrderStockReservationFailed>(decision.Reservation);
        Assert.Equal(("mug-gone", 1, 0), (failed.ProductId, failed.Requested, failed.Available));
        Assert.Equal("Product 'mug-gone' does not exist.", failed.Reason);
        Assert.Empty(decision.Products);
    }

    [Fact]
    public void a_product_on_two_lines_is_reserved_once_for_their_sum()
    {
        var products = Checkout.Products(Checkout.Blue(Received(5)));

        var decision = ReserveStockForOrder.Decide(new(null, products), Checkout.Reserve((Sku, 2), (Sku, 3)), Now);

        Assert.Equal([new OrderStockLine(Sku, 5)], Assert.IsType<OrderStockReserved>(decision.Reservation).Lines);
        Assert.Equal(new StockReserved(Sku, Checkout.Order, 5, Now), Assert.Single(Assert.Single(decision.Products).Events));
    }

    [Fact]
    public void the_sum_of_two_lines_is_short_even_when_each_line_would_fit()
    {
        var products = Checkout.Products(Checkout.Blue(Received(4)));

        var decision = ReserveStockForOrder.Decide(new(null, products), Checkout.Reserve((Sku, 2), (Sku, 3)), Now);

        Assert.IsType<OrderStockReservationFailed>(decision.Reservation);
    }

    public static TheoryData<string> Decided() => new() { "reserved", "failed", "released before the reserve" };

    [Theory]
    [MemberData(nameof(Decided))]
    public void a_repeated_reserve_for_a_decided_order_changes_nothing(string outcome)
    {
        var reservation = outcome switch
        {
            "reserved" => Checkout.Reservation(Checkout.Reserved((Sku, 2))),
            "failed" => Checkout.Reservation(new OrderStockReservationFailed(Checkout.Order, Sku, 9, 5, "Not enough", Now)),
            _ => Checkout.Reservation(new OrderStockReleased(Checkout.Order, "cancelled", Now)),
        };
        var products = Checkout.Products(Checkout.Blue(Received(5)));

        Assert.Same(StockDecision.Nothing, ReserveStockForOrder.Decide(new(reservation, products), Checkout.Reserve((Sku, 2)), Now));
    }
}

public sealed class ReleaseStockForOrderTests
{
    static readonly ReleaseStockForOrder Release = new(Checkout.Order, "payment declined");

    [Fact]
    public void releasing_an_open_reservation_gives_each_product_its_stock_back()
    {
        var reservation = Checkout.Reservation(Checkout.Reserved((Sku, 2), (Checkout.Red, 1)));
        var products = Checkout.Products(
            Checkout.Blue(Received(5), Reserved(Checkout.Order, 2)),
            Checkout.RedMug(new StockReceived(Checkout.Red, 3, Now), new StockReserved(Checkout.Red, Checkout.Order, 1, Now)));

        var decision = ReleaseStockForOrder.Decide(new(reservation, products), Release, Now);

        Assert.Equal(new OrderStockReleased(Checkout.Order, "payment declined", Now), decision.Reservation);
        Assert.Equal(
            [new ProductEvents(Sku, [new StockReservationReleased(Sku, Checkout.Order, 2, Now)]),
             new ProductEvents(Checkout.Red, [new StockReservationReleased(Checkout.Red, Checkout.Order, 1, Now)])],
            decision.Products, ProductEventsComparer.Instance);
        Assert.Empty(Checkout.Reservation(Checkout.Reserved((Sku, 2)), decision.Reservation!).Held);
    }

    [Fact]
    public void a_release_before_any_reserve_records_the_order_as_released_so_a_late_reserve_is_ignored()
    {
        var decision = ReleaseStockForOrder.Decide(new(null, Checkout.Products()), Release, Now);

        Assert.Equal(new OrderStockReleased(Checkout.Order, "payment declined", Now), decision.Reservation);
        Assert.Empty(decision.Products);
        var reservation = Checkout.Reservation(decision.Reservation!);
        Assert.Same(StockDecision.Nothing, ReserveStockForOrder.Decide(new(reservation,
            Checkout.Products(Checkout.Blue(Received(5)))), Checkout.Reserve((Sku, 2)), Now));
    }

    public static TheoryData<string> HoldingNothing() => new() { "failed", "released", "committed" };

    [Theory]
    [MemberData(nameof(HoldingNothing))]
    public void releasing_an_order_that_holds_nothing_changes_nothing(string outcome)
    {
        var reservation = outcome switch
        {
            "failed" => Checkout.Reservation(new OrderStockReservationFailed(Checkout.Order, Sku, 9, 5, "Not enough", Now)),
            "released" => Checkout.Reservation(Checkout.Reserved((Sku, 2)), new OrderStockReleased(Checkout.Order, "cancelled", Now)),
            _ => Checkout.Reservation(Checkout.Reserved((Sku, 2)), new OrderStockCommitted(Checkout.Order, Now)),
        };

        Assert.Same(StockDecision.Nothing, ReleaseStockForOrder.Decide(new(reservation, Checkout.Products()), Release, Now));
    }
}

public sealed class CommitStockForOrderTests
{
    static readonly CommitStockForOrder Commit = new(Checkout.Order);

    [Fact]
    public void committing_an_open_reservation_sells_each_products_share()
    {
        var reservation = Checkout.Reservation(Checkout.Reserved((Sku, 2), (Checkout.Red, 1)));
        var blue = Checkout.Blue(Received(5), Reserved(Checkout.Order, 2));
        var products = Checkout.Products(blue,
            Checkout.RedMug(new StockReceived(Checkout.Red, 3, Now), new StockReserved(Checkout.Red, Checkout.Order, 1, Now)));

        var decision = CommitStockForOrder.Decide(new(reservation, products), Commit, Now);

        Assert.Equal(new OrderStockCommitted(Checkout.Order, Now), decision.Reservation);
        Assert.Equal(
            [new ProductEvents(Sku, [new StockReservationCommitted(Sku, Checkout.Order, 2, Now)]),
             new ProductEvents(Checkout.Red, [new StockReservationCommitted(Checkout.Red, Checkout.Order, 1, Now)])],
            decision.Products, ProductEventsComparer.Instance);
        var after = Given.Apply(blue, decision.Products[0].Events);
        Assert.Equal((3, 0, 2), (after.OnHand, after.Reserved, after.Sold));
    }

    [Fact]
    public void committing_twice_changes_nothing()
    {
        var reservation = Checkout.Reservation(Checkout.Reserved((Sku, 2)), new OrderStockCommitted(Checkout.Order, Now));

        Assert.Same(StockDecision.Nothing, CommitStockForOrder.Decide(new(reservation, Checkout.Products()), Commit, Now));
    }

    [Fact]
    public void committing_a_released_reservation_is_a_domain_error()
    {
        var reservation = Checkout.Reservation(Checkout.Reserved((Sku, 2)), new OrderStockReleased(Checkout.Order, "cancelled", Now));

        var error = Assert.Throws<DomainException>(() => CommitStockForOrder.Decide(new(reservation, Checkout.Products()), Commit, Now));

        Assert.Contains("released", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void committing_a_failed_reservation_is_a_domain_error()
    {
        var reservation = Checkout.Reservation(new OrderStockReservationFailed(Checkout.Order, Sku, 9, 5, "Not enough", Now));

        Assert.Throws<DomainException>(() => CommitStockForOrder.Decide(new(reservation, Checkout.Products()), Commit, Now));
    }

    [Fact]
    public void committing_an_order_never_reserved_is_a_domain_error()
    {
        var error = Assert.Throws<DomainException>(() => CommitStockForOrder.Decide(new(null, Checkout.Products()), Commit, Now));

        Assert.Equal("No stock is reserved for order 'order-1'.", error.Message);
    }
}

// Records holding lists compare the lists by reference; the tests compare what they hold.
sealed class ProductEventsComparer : IEqualityComparer<ProductEvents>
{
    public static readonly ProductEventsComparer Instance = new();

    public bool Equals(ProductEvents? x, ProductEvents? y) =>
        x is not null && y is not null && x.ProductId == y.ProductId && x.Events.SequenceEqual(y.Events);

    public int GetHashCode(ProductEvents obj) => obj.ProductId.GetHashCode(StringComparison.Ordinal);
}
