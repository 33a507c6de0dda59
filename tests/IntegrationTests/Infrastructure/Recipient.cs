namespace Commerce.IntegrationTests.Infrastructure;

/// What create-order needs to deliver an order: every test order goes to the same made-up customer
/// address unless the test is about personal data. (Not "Delivery": that is a message the host consumed.)
public static class Recipient
{
    public const string Email = "ada@example.test";

    public static readonly object Address = new { name = "Ada Lovelace", line1 = "12 Analytical Row", city = "London", postal_code = "N1 9GU", country = "GB" };
}
