using Commerce.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.Infrastructure;

/// The app composed in this process exactly as src/Host composes it (its modules, Wolverine with its
/// policies, MassTransit, the relays), minus HTTP: row 1 drives its command path through
/// CommandGateway and Wolverine's bus with no HTTP in between, so the append path is measured alone.
public sealed class InProcessApp : IAsyncDisposable
{
    readonly WebApplication app;

    InProcessApp(WebApplication app) => this.app = app;

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessApp> Start(BenchServices services, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = services.ConnectionString,
            ["RabbitMq:VirtualHost"] = services.Name,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(BenchKeys.PersonalData.Select(k => KeyValuePair.Create(k.Key, (string?)k.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddModules();
        builder.AddMessaging();
        configure?.Invoke(builder);
        var app = builder.Build();
        await app.StartAsync();
        return new InProcessApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
