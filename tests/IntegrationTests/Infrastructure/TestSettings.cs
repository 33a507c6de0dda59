using Commerce.Host.Tokens;

namespace Commerce.IntegrationTests.Infrastructure;

/// The host's configuration in every test, in-process or as a process of its own.
public static class TestSettings
{
    /// The tests' development key: Caller mints with it, every host under test checks with it.
    public static readonly AuthSettings Auth = new() { SigningKey = "commerce-test-signing-key-of-at-least-32-bytes" };

    /// The master key that wraps customers' keys in every host under test.
    public const string MasterKey = "dGVzdHMtbWFzdGVyLWtleS1vZi0zMi1ieXRlcy0hISE=";

    public static IReadOnlyDictionary<string, string> For(TestServices services) => new Dictionary<string, string>
    {
        ["ConnectionStrings:Postgres"] = services.ConnectionString,
        ["RabbitMq:VirtualHost"] = services.Name,
        ["RabbitMq:ManagementUrl"] = TestServices.RabbitManagement.ToString(),
        // The operations page and its gauges read often, so tests see a change within a second.
        ["Operations:MonitorInterval"] = "00:00:00.500",
        ["Auth:SigningKey"] = Auth.SigningKey!,
        ["Auth:Issuer"] = Auth.Issuer,
        ["Auth:Audience"] = Auth.Audience,
        ["PersonalData:Key"] = MasterKey,
        ["PersonalData:KeyId"] = "tests",
        // The suite sends hundreds of commands as a few users: a budget it never spends. RateLimitTests
        // runs a host of its own with a small one.
        ["RateLimit:TokenLimit"] = "1000000",
        ["RateLimit:TokensPerPeriod"] = "1000000",
        // Short gateway delays keep the slow and timeout tokens' tests quick.
        ["Payments:Gateway:Latency"] = "00:00:00.010",
        ["Payments:Gateway:SlowDelay"] = "00:00:06",
        ["Payments:Gateway:CallTimeout"] = "00:00:10",
        // Short checkout timeouts: a payment step gives up after 2 s and one re-send (the slow token
        // answers after 6 s, so its charge comes late and is refunded); an unpaid order waits 4 s.
        ["Checkout:PaymentTimeout"] = "00:00:02",
        ["Checkout:Resends"] = "1",
        ["Checkout:PaymentWaitTimeout"] = "00:00:04",
        ["Checkout:StockTimeout"] = "00:00:10",
    };
}
