namespace Commerce.IntegrationTests.Infrastructure;

/// The host's configuration in every test, in-process or as a process of its own.
public static class TestSettings
{
    public const string AdminKey = "test-admin-key";

    public static IReadOnlyDictionary<string, string> For(TestServices services) => new Dictionary<string, string>
    {
        ["ConnectionStrings:Postgres"] = services.ConnectionString,
        ["RabbitMq:VirtualHost"] = services.Name,
        ["RabbitMq:ManagementUrl"] = TestServices.RabbitManagement.ToString(),
        // The operations page and its gauges read often, so tests see a change within a second.
        ["Operations:MonitorInterval"] = "00:00:00.500",
        ["Admin:ApiKey"] = AdminKey,
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
