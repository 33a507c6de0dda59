using System.Text;
using Commerce.BuildingBlocks.Privacy;
using Commerce.Orders.Customers;

namespace Commerce.Orders.Tests.Customers;

public sealed class SealingTests
{
    static readonly MasterKey Master = new() { Key = Convert.ToBase64String(Sealing.NewKey()), KeyId = "m1" };

    static CustomerKey KeyOf(string owner, int generation = 1) => new(owner, generation, Sealing.NewKey());

    static Revealer With(params CustomerKey[] keys) =>
        new(keys.ToDictionary(k => k.Owner), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        });

    [Fact]
    public void a_sealed_value_names_its_key_and_opens_only_under_it()
    {
        var key = KeyOf("user-1");
        var text = PersonalData.Seal(key, new DeliveryDetails("ada@example.test", Given.Address));

        Assert.StartsWith("pd1:user-1:1:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@", text, StringComparison.Ordinal);
        var (state, opened) = With(key).Open<DeliveryDetails>(text);
        Assert.Equal(PersonalDataState.Present, state);
        Assert.Equal("ada@example.test", opened!.Email);
        Assert.Equal(Given.Address, opened.ShippingAddress);
    }

    [Fact]
    public void without_its_key_or_with_an_older_generation_a_value_reads_as_erased()
    {
        var first = KeyOf("user-1");
        var text = PersonalData.Seal(first, "10.0.0.1");

        Assert.Equal(PersonalDataState.Erased, With().Open<string>(text).State);
        Assert.Equal(PersonalDataState.Erased, With(KeyOf("user-1", generation: 2)).Open<string>(text).State);
        Assert.Equal(PersonalDataState.Erased, With(first with { Key = Sealing.NewKey() }).Open<string>(text).State);
        Assert.Equal(PersonalDataState.None, With(first).Open<string>(null).State);
    }

    [Fact]
    public void a_value_moved_to_another_customers_name_or_altered_does_not_open()
    {
        var ada = KeyOf("ada");
        var sealedValue = SealedText.Parse(PersonalData.Seal(ada, "secret"))!;
        var renamed = (sealedValue with { Owner = "bob" }).ToString();
        var altered = (sealedValue with { Data = [.. sealedValue.Data[..^1], (byte)(sealedValue.Data[^1] ^ 1)] }).ToString();

        Assert.Equal(PersonalDataState.Erased, With(ada with { Owner = "bob" }).Open<string>(renamed).State);
        Assert.Equal(PersonalDataState.Erased, With(ada).Open<string>(altered).State);
    }

    [Theory]
    [InlineData("pd1:user-1:1")]
    [InlineData("pd1:user-1:x:AAAA")]
    [InlineData("pd1:user-1:1:not base64!")]
    [InlineData("pd2:user-1:1:AAAA")]
    public void text_that_is_not_a_sealed_value_is_not_parsed(string text) => Assert.Null(SealedText.Parse(text));

    [Fact]
    public void the_master_key_unwraps_what_it_wrapped_for_that_customer_and_generation_only()
    {
        var key = Sealing.NewKey();
        var wrapped = Master.Wrap("user-1", 3, key);

        Assert.Equal(key, Master.Unwrap("user-1", 3, wrapped, "m1"));
        Assert.Throws<InvalidOperationException>(() => Master.Unwrap("user-2", 3, wrapped, "m1"));
        Assert.Throws<InvalidOperationException>(() => Master.Unwrap("user-1", 4, wrapped, "m1"));
        Assert.Throws<InvalidOperationException>(() => Master.Unwrap("user-1", 3, wrapped, "m0"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void a_master_key_that_is_not_32_bytes_of_base64_is_refused(string? key) =>
        Assert.False(MasterKey.IsValid(new MasterKey { Key = key }));

    [Fact]
    public void commands_and_addresses_print_no_personal_data()
    {
        var command = new CreateOrder("cmd", "order-1", "user-1", [new OrderItem("sku", 1)], null, "ada@example.test", Given.Address);

        foreach (var printed in new[] { command.ToString(), Given.Address.ToString(), new DeliveryDetails("ada@example.test", Given.Address).ToString() })
        {
            Assert.DoesNotContain("ada@", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("Analytical", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("N1 9GU", printed, StringComparison.Ordinal);
        }
        Assert.Contains("user-1", command.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void associated_data_is_the_key_id() =>
        Assert.Equal("pd1:user-1:2", Encoding.UTF8.GetString(SealedText.AssociatedFor("user-1", 2)));
}
