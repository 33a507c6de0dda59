using Commerce.BuildingBlocks.Errors;
using static Commerce.Inventory.Tests.History;

namespace Commerce.Inventory.Tests;

public sealed class AddProductTests
{
    static readonly AddProduct Command = new("cmd-1", Sku, "Blue mug", 9.50m, "EUR");

    [Fact]
    public void new_product_is_listed_at_its_price()
    {
        var listed = Assert.Single(AddProduct.Decide(null, Command, Now));

        Assert.Equal(new ProductListed(Sku, "Blue mug", 9.50m, "EUR", Now), listed);
    }

    [Fact]
    public void listing_an_existing_product_is_a_domain_error()
    {
        var error = Assert.Throws<DomainException>(() => AddProduct.Decide(Given.Product(Listed()), Command, Now));

        Assert.Contains(Sku, error.Message, StringComparison.Ordinal);
    }
}

public sealed class ReceiveStockTests
{
    [Fact]
    public void receiving_stock_for_an_unknown_product_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => ReceiveStock.Decide(null, new ReceiveStock("cmd-1", Sku, 5), Now));
    }

    [Fact]
    public void received_stock_is_added_to_on_hand_and_available()
    {
        var product = Given.Product(Listed(), Received(3));

        var received = Assert.Single(ReceiveStock.Decide(product, new ReceiveStock("cmd-1", Sku, 5), Now));

        Assert.Equal(new StockReceived(Sku, 5, Now), received);
        var after = Given.Apply(product, received);
        Assert.Equal(8, after.OnHand);
        Assert.Equal(8, after.Available);
    }
}

public sealed class ChangePriceTests
{
    [Fact]
    public void changing_the_price_of_an_unknown_product_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => ChangePrice.Decide(null, new ChangePrice("cmd-1", Sku, 7m), Now));
    }

    [Fact]
    public void changing_to_the_current_price_is_a_domain_error_naming_the_price()
    {
        var product = Given.Product(Listed(price: 9.5m));

        var error = Assert.Throws<DomainException>(() => ChangePrice.Decide(product, new ChangePrice("cmd-1", Sku, 9.50m), Now));

        Assert.Equal("Product 'mug-blue' already costs 9.50 EUR.", error.Message);
    }

    [Fact]
    public void changed_price_records_the_old_and_the_new_price()
    {
        var product = Given.Product(Listed(price: 9.50m), new ProductPriceChanged(Sku, 9.50m, 11m, "EUR", Now.AddHours(-1)));

        var changed = Assert.Single(ChangePrice.Decide(product, new ChangePrice("cmd-1", Sku, 12.25m), Now));

        Assert.Equal(new ProductPriceChanged(Sku, 11m, 12.25m, "EUR", Now), changed);
        Assert.Equal(12.25m, Given.Apply(product, changed).Price);
    }
}
