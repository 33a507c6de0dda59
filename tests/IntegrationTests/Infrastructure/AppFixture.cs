using Alba;
using JasperFx.CommandLine;

namespace Commerce.IntegrationTests.Infrastructure;

/// One host for the whole test assembly, against the real PostgreSQL and RabbitMQ, in a database and
/// virtual host of its own. Tests use their own ids, so they do not depend on order or on each other.
public sealed class AppFixture : IAsyncLifetime
{
    public TestServices Services { get; } = new();

    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Services.CreateAsync();
        await StartHost();
    }

    /// Stops the host as a deployment would; the database and virtual host stay.
    public Task StopHost() => Host.DisposeAsync().AsTask();

    public async Task StartHost()
    {
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", Services.ConnectionString);
            builder.UseSetting("RabbitMq:VirtualHost", Services.Name);
            builder.UseSetting("Admin:ApiKey", "test-admin-key");
            // Short gateway delays keep the slow and timeout tokens' tests quick.
            builder.UseSetting("Payments:Gateway:Latency", "00:00:00.010");
            builder.UseSetting("Payments:Gateway:SlowDelay", "00:00:06");
            builder.UseSetting("Payments:Gateway:CallTimeout", "00:00:10");
            // Short checkout timeouts: a payment step gives up after 2 s and one re-send (the slow
            // token answers after 6 s, so its charge comes late and is refunded); an unpaid order
            // waits 4 s.
            builder.UseSetting("Checkout:PaymentTimeout", "00:00:02");
            builder.UseSetting("Checkout:Resends", "1");
            builder.UseSetting("Checkout:PaymentWaitTimeout", "00:00:04");
            builder.UseSetting("Checkout:StockTimeout", "00:00:10");
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Services.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppHost : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
