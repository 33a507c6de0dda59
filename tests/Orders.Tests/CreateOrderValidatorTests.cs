using Commerce.BuildingBlocks.Validation;
using FluentValidation.Results;

namespace Commerce.Orders.Tests;

public sealed class CreateOrderValidatorTests
{
    static readonly CreateOrder Good = new("cmd-1", null, Given.UserId, [new OrderItem("sku-kbd", 2, 9.50m)], "tok_visa", "ada@example.test", Given.Address);

    static ValidationResult Validate(CreateOrder command) => new CreateOrder.Validator().Validate(command);

    static void AssertInvalid(CreateOrder command, string expectedMessagePart)
    {
        var result = Validate(command);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expectedMessagePart, StringComparison.Ordinal));
    }

    [Fact]
    public void a_well_formed_command_is_valid() => Assert.True(Validate(Good).IsValid);

    [Fact]
    public void a_command_without_payment_method_or_client_price_is_valid() =>
        Assert.True(Validate(Good with { PaymentMethod = null, Items = [new OrderItem("sku-kbd", 1)] }).IsValid);

    [Fact]
    public void an_order_without_items_is_invalid() =>
        AssertInvalid(Good with { Items = [] }, "at least one product");

    [Fact]
    public void an_order_listing_a_product_twice_is_invalid() =>
        AssertInvalid(Good with { Items = [new OrderItem("sku-kbd", 1), new OrderItem("sku-kbd", 2)] }, "lists a product twice");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void a_quantity_outside_one_to_a_million_is_invalid(int quantity) =>
        AssertInvalid(Good with { Items = [new OrderItem("sku-kbd", quantity)] }, "'quantity' must be between 1 and 1000000");

    [Fact]
    public void a_quantity_of_a_million_is_valid() =>
        Assert.True(Validate(Good with { Items = [new OrderItem("sku-kbd", 1_000_000)] }).IsValid);

    [Fact]
    public void a_price_with_three_decimals_is_invalid() =>
        AssertInvalid(Good with { Items = [new OrderItem("sku-kbd", 1, 9.505m)] }, "at most 2 decimal places");

    [Fact]
    public void an_unknown_payment_token_is_invalid_and_the_message_lists_the_valid_tokens()
    {
        var result = Validate(Good with { PaymentMethod = "tok_bogus" });

        var error = Assert.Single(result.Errors);
        Assert.Contains("tok_bogus", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("tok_visa, tok_chargeDeclined, tok_insufficientFunds, tok_timeout, tok_slow", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user 1")]
    [InlineData("user/1")]
    [InlineData("-user")]
    [InlineData("")]
    public void a_user_id_with_bad_characters_is_invalid(string userId) =>
        AssertInvalid(Good with { UserId = userId }, "'user_id'");

    [Fact]
    public void an_empty_command_id_is_invalid() =>
        AssertInvalid(Good with { CommandId = "" }, "'command_id' (or an Idempotency-Key header) is required.");

    // A body without one may name its id in the Idempotency-Key header; the HTTP edge refuses neither.
    [Fact]
    public void no_command_id_anywhere_is_refused_where_the_id_is_settled() =>
        Assert.Equal("'command_id' (or an Idempotency-Key header) is required.", CommonRules.CommandIdProblem(null));
}
