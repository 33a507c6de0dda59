namespace Commerce.IntegrationTests.Infrastructure;

/// A database and RabbitMQ virtual host of their own for the tests that run the host as processes,
/// so killing one never disturbs the in-process host of the other tests.
public sealed class ProcessHosts : IAsyncLifetime
{
    readonly List<ProcessApp> started = [];

    public TestServices Services { get; } = new();

    public Task InitializeAsync() => Services.CreateAsync();

    public async Task<ProcessApp> Start(string name)
    {
        var host = await ProcessApp.Start(name, Services);
        started.Add(host);
        return host;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in started) await host.DisposeAsync();
        await Services.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class Processes : ICollectionFixture<ProcessHosts>
{
    public const string Name = "processes";
}
