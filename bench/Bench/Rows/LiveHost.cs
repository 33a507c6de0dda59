using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.Host.Tokens;
using Commerce.Testing;

namespace Commerce.Bench.Rows;

/// Rows 2, 3, 4 (lag, relay, reads) and 6 against src/Host as a real process: an honest Kestrel, the
/// load generator in another process, and the host's own memory.
public sealed class LiveHost : IAsyncDisposable
{
    // The bench's own development key: its tokens are minted here and checked by the host it starts.
    static readonly AuthSettings Auth = new() { SigningKey = "commerce-bench-signing-key-of-at-least-32-bytes" };

    readonly HostProcess host;
    IReadOnlyList<string> queues = [];

    LiveHost(BenchServices services, HostProcess host, Rabbit rabbit, int products)
    {
        Services = services;
        this.host = host;
        Rabbit = rabbit;
        Memory = new MemorySampler(host);
        Shopper = new Shopper(host.Address, products, Auth);
    }

    public BenchServices Services { get; }
    public Rabbit Rabbit { get; }
    public MemorySampler Memory { get; }
    public Shopper Shopper { get; }

    /// src/Host as a process with the bench's catalog listed, caught up.
    public static async Task<LiveHost> Start(BenchOptions options, BenchServices services)
    {
        var host = await HostProcess.Start("bench", new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings:Postgres"] = services.ConnectionString,
            ["RabbitMq:VirtualHost"] = services.Name,
            ["Auth:SigningKey"] = Auth.SigningKey!,
            ["Auth:Issuer"] = Auth.Issuer,
            ["Auth:Audience"] = Auth.Audience,
            // The bench lists its catalog as one operator, as fast as the host answers: no budget.
            ["RateLimit:TokenLimit"] = "100000000",
            ["RateLimit:TokensPerPeriod"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Warning",
            // Orders placed without a card (row 2) wait for payment for the whole run instead of being
            // compensated in the middle of a measurement.
            ["Checkout:PaymentWaitTimeout"] = "01:00:00",
        }.Concat(BenchKeys.PersonalData).ToDictionary(), Path.Combine(Path.GetTempPath(), $"{services.Name}-host.log"), "/health/ready", TimeSpan.FromSeconds(90));
        var live = new LiveHost(services, host, await Rabbit.Connect(services.Name), options.CatalogProducts);
        await live.Shopper.ListCatalog(services.ConnectionString);
        live.queues = await AppQueues(services.Name);
        await live.Settle(options.SettleDeadline);
        return live;
    }

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        await using var live = await Start(options, services);
        await live.CreateOrders(options, findings);
        await CheckoutRow.Run(options, findings, live);
        await live.Reads(options, findings);
        findings.Add(new Line("6", "host peak RSS over its whole run (VmHWM)", "MB", Metric.Of(live.host.Memory().Peak)));
    }

    async Task CreateOrders(BenchOptions options, Findings findings)
    {
        Memory.Reset();
        foreach (var c in options.HttpConcurrency)
        {
            List<LoadResult> runs = [];
            for (var run = 0; run < options.Runs; run++)
            {
                runs.Add(await Load.Run(c, options.WarmUp, options.Window, async _ => await Shopper.PlaceOrder(null) is not null));
                // The saga's stock reservations for these orders run on after the window: let them end.
                await Settle(options.SettleDeadline);
            }
            findings.Add(Line.FromLoad("2", $"create-order over HTTP (no card: reserve, then wait), {c} clients", runs, "req/s", p95: true));
        }
        findings.Add(new Line("6", "host peak RSS during row 2 (VmRSS sampled every 200 ms)", "MB", Metric.Of(Memory.Reset())));
    }

    async Task Reads(BenchOptions options, Findings findings)
    {
        var orders = Shopper.Orders.ToArray();
        const int clients = 16;
        List<LoadResult> details = [], byUser = [];
        for (var run = 0; run < options.Runs; run++)
        {
            details.Add(await Load.Run(clients, options.WarmUp, options.Window,
                _ =>
                {
                    var (orderId, user) = orders[Random.Shared.Next(orders.Length)];
                    return Shopper.Get($"/api/v1/query/order-details/{orderId}", user);
                }));
            byUser.Add(await Load.Run(clients, options.WarmUp, options.Window,
                _ =>
                {
                    var user = orders[Random.Shared.Next(orders.Length)].UserId;
                    return Shopper.Get($"/api/v1/query/orders/{user}?page_size=20", user);
                }));
        }
        findings.Add(Line.FromLoad("4", $"reads: order-details over HTTP, {clients} clients ({orders.Length:N0} orders)", details, "req/s", "100K reads/s"));
        findings.Add(Line.FromLoad("4", $"reads: orders of a user (page of 20) over HTTP, {clients} clients", byUser, "req/s", "100K reads/s"));
    }

    public async Task Settle(TimeSpan deadline)
    {
        if (deadline <= TimeSpan.Zero) return;
        if (!await Infrastructure.Settle.Until(Services.ConnectionString, Rabbit, queues, deadline))
            Console.WriteLine($"  (the host had not caught up after {deadline.TotalSeconds:0} s; measuring on)");
    }

    static async Task<IReadOnlyList<string>> AppQueues(string vhost)
    {
        using var api = BenchServices.RabbitApi();
        var queues = await api.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}");
        return [.. queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()!).Where(n => !n.StartsWith("bench.", StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        await Memory.DisposeAsync();
        Shopper.Dispose();
        await Rabbit.DisposeAsync();
        // SIGTERM lets the host stop its daemons and bus cleanly before the bench drops its database.
        await host.Stop(TimeSpan.FromSeconds(20));
        await host.DisposeAsync();
    }
}
