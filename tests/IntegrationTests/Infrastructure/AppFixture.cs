using Alba;
using JasperFx.CommandLine;

namespace Commerce.IntegrationTests.Infrastructure;

/// One host for the whole test assembly, against the real PostgreSQL and RabbitMQ, in a database and
/// virtual host of its own. Tests use their own ids, so they do not depend on order or on each other.
public class AppFixture : IAsyncLifetime, IAppUnderTest
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
            foreach (var (key, value) in TestSettings.For(Services)) builder.UseSetting(key, value);
            Configure(builder);
        });
    }

    /// What a fixture of its own changes in the host beyond the test settings.
    protected virtual void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    public async Task<Reply> Send(HttpMethod method, string route, string? body, string? contentType, IReadOnlyList<(string Name, string Value)> headers)
    {
        var result = await Host.Scenario(s =>
        {
            var url = method.Method switch
            {
                "GET" => s.Get,
                "POST" => s.Post,
                "PUT" => s.Put,
                "PATCH" => s.Patch,
                "DELETE" => s.Delete,
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a method the tests send."),
            };
            if (body is null) url.Url(route);
            else url.Text(body).ToUrl(route);
            if (contentType is not null) s.WithRequestHeader("Content-Type", contentType);
            foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        return await Reply.From(result);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Services.DropAsync();
    }
}

/// The tests that stop PostgreSQL or RabbitMQ, with a host, database and virtual host of their own.
[CollectionDefinition(Name)]
public sealed class Outages : ICollectionFixture<AppFixture>
{
    public const string Name = "outages";
}

[CollectionDefinition(Name)]
public sealed class AppHost : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
