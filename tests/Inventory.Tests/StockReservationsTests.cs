using Commerce.BuildingBlocks.Errors;
using static Commerce.Inventory.Tests.History;

namespace Commerce.Inventory.Tests;

public sealed class ReserveTests
{
    [Fact]
    public void reserving_what_is_available_reserves_it()
    {
        var product = Given.Product(Listed(), Received(5));

        var events = StockReservations.Reserve(product, "order-1", 5, Now);

        Assert.Equal(new StockReserved(Sku, "order-1", 5, Now), Assert.Single(events));
        var after = Given.Apply(product, events);
        Assert.Equal(5, after.Reserved);
        Assert.Equal(0, after.Available);
    }

    [Fact]
    public void reserving_more_than_is_available_fails_naming_requested_and_available()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 3));

        var events = StockReservations.Reserve(product, "order-2", 3, Now);

        Assert.Equal(new StockReservationFailed(Sku, "order-2", Requested: 3, Available: 2, Now), Assert.Single(events));
        var after = Given.Apply(product, events);
        Assert.Equal(3, after.Reserved);
        Assert.True(after.HasSeen("order-2"));
    }

    [Fact]
    public void reserving_twice_for_the_same_order_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 2));

        Assert.Empty(StockReservations.Reserve(product, "order-1", 2, Now));
    }

    [Fact]
    public void reserving_again_after_the_reservation_was_released_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 2), Released("order-1", 2));

        Assert.Empty(StockReservations.Reserve(product, "order-1", 2, Now));
    }

    [Fact]
    public void reserving_again_after_a_failed_reservation_changes_nothing_even_with_stock_now_in()
    {
        var product = Given.Product(Listed(), Failed("order-1", 2, 0), Received(5));

        Assert.Empty(StockReservations.Reserve(product, "order-1", 2, Now));
    }

    [Fact]
    public void reserving_again_after_the_reservation_was_committed_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 2), Committed("order-1", 2));

        Assert.Empty(StockReservations.Reserve(product, "order-1", 2, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void reserving_a_quantity_that_is_not_positive_is_refused(int quantity)
    {
        var product = Given.Product(Listed(), Received(5));

        Assert.Throws<ArgumentOutOfRangeException>(() => StockReservations.Reserve(product, "order-1", quantity, Now));
    }
}

public sealed class ReleaseTests
{
    [Fact]
    public void releasing_an_open_reservation_gives_its_quantity_back()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 3));

        var events = StockReservations.Release(product, "order-1", Now);

        Assert.Equal(new StockReservationReleased(Sku, "order-1", 3, Now), Assert.Single(events));
        var after = Given.Apply(product, events);
        Assert.Equal(0, after.Reserved);
        Assert.Equal(5, after.Available);
    }

    [Fact]
    public void releasing_twice_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 3), Released("order-1", 3));

        Assert.Empty(StockReservations.Release(product, "order-1", Now));
    }

    [Fact]
    public void releasing_for_an_order_never_reserved_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 3));

        Assert.Empty(StockReservations.Release(product, "order-2", Now));
    }

    [Fact]
    public void releasing_for_an_order_whose_reservation_failed_changes_nothing()
    {
        var product = Given.Product(Listed(), Failed("order-1", 3, 0));

        Assert.Empty(StockReservations.Release(product, "order-1", Now));
    }

    [Fact]
    public void releasing_a_committed_reservation_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(5), Reserved("order-1", 3), Committed("order-1", 3));

        Assert.Empty(StockReservations.Release(product, "order-1", Now));
    }
}

public sealed class CommitTests
{
    [Fact]
    public void committing_an_open_reservation_sells_the_reserved_stock()
    {
        var product = Given.Product(Listed(), Received(10), Reserved("order-1", 3), Reserved("order-2", 4));

        var events = StockReservations.Commit(product, "order-1", Now);

        Assert.Equal(new StockReservationCommitted(Sku, "order-1", 3, Now), Assert.Single(events));
        var after = Given.Apply(product, events);
        Assert.Equal(7, after.OnHand);
        Assert.Equal(4, after.Reserved);
        Assert.Equal(3, after.Sold);
        Assert.Equal(3, after.Available);
    }

    [Fact]
    public void committing_twice_changes_nothing()
    {
        var product = Given.Product(Listed(), Received(10), Reserved("order-1", 3), Committed("order-1", 3));

        Assert.Empty(StockReservations.Commit(product, "order-1", Now));
    }

    [Fact]
    public void committing_a_released_reservation_is_a_domain_error()
    {
        var product = Given.Product(Listed(), Received(10), Reserved("order-1", 3), Released("order-1", 3));

        var error = Assert.Throws<DomainException>(() => StockReservations.Commit(product, "order-1", Now));

        Assert.Contains("released", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void committing_for_an_order_never_reserved_is_a_domain_error()
    {
        var product = Given.Product(Listed(), Received(10));

        var error = Assert.Throws<DomainException>(() => StockReservations.Commit(product, "order-1", Now));

        Assert.Equal("No reservation for order 'order-1' on product 'mug-blue'.", error.Message);
    }

    [Fact]
    public void committing_for_an_order_whose_reservation_failed_is_a_domain_error()
    {
        var product = Given.Product(Listed(), Failed("order-1", 3, 0), Received(10));

        Assert.Throws<DomainException>(() => StockReservations.Commit(product, "order-1", Now));
    }
}

public sealed class StockInvariantTests
{
    [Fact]
    public void available_never_goes_negative_across_a_scripted_checkout_day()
    {
        var product = Given.Product(Listed(), Received(5));
        product = Decide(product, p => StockReservations.Reserve(p, "a", 3, Now));
        product = Decide(product, p => StockReservations.Reserve(p, "b", 3, Now));   // short: 2 left
        product = Decide(product, p => StockReservations.Reserve(p, "c", 2, Now));
        product = Decide(product, p => StockReservations.Commit(p, "a", Now));
        product = Decide(product, p => StockReservations.Release(p, "c", Now));
        product = Decide(product, p => StockReservations.Reserve(p, "d", 2, Now));

        Assert.Equal((2, 2, 3, 0), (product.OnHand, product.Reserved, product.Sold, product.Available));
    }

    // A seeded walk over every decision, including repeats and out-of-order messages, so a failure
    // replays exactly.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void available_is_on_hand_minus_reserved_and_never_negative_across_any_sequence(int seed)
    {
        var random = new Random(seed);
        var product = Given.Product(Listed(), Received(random.Next(0, 10)));
        for (var step = 0; step < 500; step++)
        {
            var order = $"order-{random.Next(0, 40)}";
            var quantity = random.Next(1, 6);
            product = random.Next(0, 5) switch
            {
                0 => Given.Apply(product, new StockReceived(Sku, quantity, Now)),
                1 or 2 => Decide(product, p => StockReservations.Reserve(p, order, quantity, Now)),
                3 => Decide(product, p => StockReservations.Release(p, order, Now)),
                _ => Decide(product, p => StockReservations.Commit(p, order, Now)),
            };

            Assert.Equal(product.OnHand - product.Reserved, product.Available);
            Assert.InRange(product.Available, 0, int.MaxValue);
            Assert.Equal(product.OpenReservations.Values.Sum(), product.Reserved);
        }
    }

    static Product Decide(Product product, Func<Product, IReadOnlyList<object>> decision)
    {
        try
        {
            return Given.Apply(product, decision(product));
        }
        catch (DomainException)
        {
            return product;
        }
    }
}
