using Commerce.BuildingBlocks.Errors;

namespace Commerce.Orders.Tests;

public sealed class CreateOrderTests
{
    static CreateOrder Command(params OrderItem[] items) => new("cmd-1", Given.OrderId, Given.UserId, items, Email: "ada@example.test", ShippingAddress: Given.Address);

    static OrderPlaced Decide(CreateOrder command, string orderId, IReadOnlyDictionary<string, CatalogProduct> catalog, DateTimeOffset now) =>
        (OrderPlaced)Assert.Single(CreateOrder.Decide(null, command with { AggregateId = orderId }, catalog, Given.SealedDelivery, now));

    [Fact]
    public void an_order_id_already_taken_is_refused()
    {
        var error = Assert.Throws<DomainException>(() =>
            CreateOrder.Decide(Given.Order(Given.Placed), Command(new OrderItem("sku-kbd", 1)), Given.Catalog, Given.SealedDelivery, Given.Now));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_id_of_an_archived_order_stays_taken()
    {
        var error = Assert.Throws<DomainException>(() =>
            CreateOrder.Decide(null, Command(new OrderItem("sku-kbd", 1)), Given.Catalog, Given.SealedDelivery, Given.Now, idArchived: true));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_order_takes_names_and_prices_from_the_catalog()
    {
        var placed = Decide(Command(new OrderItem("sku-kbd", 2), new OrderItem("sku-mouse", 1)),
            Given.OrderId, Given.Catalog, Given.Now);

        Assert.Equal(
            [new OrderLine("sku-kbd", "Keyboard", 2, 9.50m), new OrderLine("sku-mouse", "Mouse", 1, 4.25m)],
            placed.Lines);
        Assert.Equal(Given.OrderId, placed.OrderId);
        Assert.Equal(Given.UserId, placed.UserId);
        Assert.Equal(Given.Now, placed.PlacedAt);
    }

    [Fact]
    public void the_total_is_the_sum_of_quantity_times_unit_price_in_the_catalog_currency()
    {
        var placed = Decide(Command(new OrderItem("sku-kbd", 3), new OrderItem("sku-mouse", 2)),
            Given.OrderId, Given.Catalog, Given.Now);

        Assert.Equal(3 * 9.50m + 2 * 4.25m, placed.Total);
        Assert.Equal("EUR", placed.Currency);
    }

    [Fact]
    public void a_product_without_a_name_is_named_by_its_id()
    {
        var catalog = new Dictionary<string, CatalogProduct> { ["sku-x"] = new("sku-x", null, 1.00m, "EUR", 1) };

        var placed = Decide(Command(new OrderItem("sku-x", 1)), Given.OrderId, catalog, Given.Now);

        Assert.Equal("sku-x", Assert.Single(placed.Lines).Name);
    }

    [Fact]
    public void a_client_price_equal_to_the_catalog_price_is_accepted()
    {
        var placed = Decide(Command(new OrderItem("sku-kbd", 1, 9.5m)), Given.OrderId, Given.Catalog, Given.Now);

        Assert.Equal(9.50m, placed.Total);
    }

    [Fact]
    public void a_client_price_different_from_the_catalog_names_the_product_and_the_current_price()
    {
        var error = Assert.Throws<InvalidCommandException>(() =>
            Decide(Command(new OrderItem("sku-kbd", 1, 9.00m)), Given.OrderId, Given.Catalog, Given.Now));

        Assert.Contains("sku-kbd", error.Message, StringComparison.Ordinal);
        Assert.Contains("9.50 EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("items", error.Errors.Keys);
    }

    [Fact]
    public void an_unknown_product_is_not_found_and_named()
    {
        var error = Assert.Throws<NotFoundException>(() =>
            Decide(Command(new OrderItem("sku-kbd", 1), new OrderItem("sku-ghost", 1)),
                Given.OrderId, Given.Catalog, Given.Now));

        Assert.Contains("sku-ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void products_in_two_currencies_cannot_share_an_order()
    {
        var error = Assert.Throws<InvalidCommandException>(() =>
            Decide(Command(new OrderItem("sku-kbd", 1), new OrderItem("sku-cable", 1)),
                Given.OrderId, Given.Catalog, Given.Now));

        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tok_visa")]
    [InlineData(null)]
    public void the_payment_method_is_carried_through(string? paymentMethod)
    {
        var command = Command(new OrderItem("sku-kbd", 1)) with { PaymentMethod = paymentMethod };

        var placed = Decide(command, Given.OrderId, Given.Catalog, Given.Now);

        Assert.Equal(paymentMethod, placed.PaymentMethod);
    }
}
