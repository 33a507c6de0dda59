using System.Globalization;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Telemetry;

[Collection(AppHost.Name)]
public sealed class MetricsTests(AppFixture app)
{
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    // Our series and the libraries', in Prometheus' text format (the names ops/prometheus/alerts.yml uses).
    // Only the libraries whose instruments live as long as the process: ASP.NET Core's, Wolverine's and
    // MassTransit's are made per host, and with several hosts in one test process OpenTelemetry keeps the
    // first host's instruments of a name, which may be gone with it (OpsPageTests reads them from a host
    // alone in its process, as in production).
    [Fact]
    public async Task metrics_are_scraped_in_prometheus_format_with_ours_and_the_libraries_series()
    {
        await catalog.Listed(stock: 1);
        string[] series =
        [
            "db_client_operation_npgsql", "dotnet_gc_collections_total",
            "commerce_commands_total", "commerce_command_duration_seconds_bucket", "commerce_events_appended_total",
            "commerce_stream_length_bucket", "commerce_projection_lag_seconds", "commerce_projection_lag_events",
            "commerce_store_leader", "commerce_monitor_source_up",
        ];

        var scrape = await Poll.Until(Scrape, text => series.All(s => text.Contains(s, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"a scrape with {string.Join(", ", series)}");

        Assert.Contains("# TYPE commerce_commands_total counter", scrape, StringComparison.Ordinal);
    }

    // Shared by every host of the test process (the instruments are static), so only growth is asserted.
    [Fact]
    public async Task a_checkout_moves_the_checkout_command_event_relay_and_gateway_series()
    {
        var sku = await catalog.Listed(stock: 2);
        var before = await Scrape();

        var order = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(order, "confirmed");

        (string Name, string Labels)[] moved =
        [
            ("commerce_checkouts_started_total", ""),
            ("commerce_checkouts_ended_total", "outcome=\"confirmed\""),
            ("commerce_checkout_duration_seconds_count", "outcome=\"confirmed\""),
            ("commerce_commands_total", "command=\"CreateOrder\",outcome=\"accepted\""),
            ("commerce_command_duration_seconds_count", "command=\"ChargePayment\",outcome=\"accepted\""),
            ("commerce_events_appended_total", "event_type=\"order_confirmed\",store=\"orders\""),
            ("commerce_relay_publish_duration_seconds_count", "store=\"orders\""),
            ("commerce_relay_lag_seconds_count", "store=\"payments\""),
            ("commerce_gateway_calls_total", "operation=\"charge\",outcome=\"approved\""),
            ("commerce_stream_length_count", "store=\"orders\""),
        ];
        await Poll.Until(Scrape, after => moved.All(m => Sum(after, m.Name, m.Labels) > Sum(before, m.Name, m.Labels)),
            TimeSpan.FromSeconds(30), $"each of {string.Join(", ", moved.Select(m => m.Name))} to grow");
    }

    // A failed command is counted with the outcome its problem details name.
    [Fact]
    public async Task a_refused_command_is_counted_with_its_outcome()
    {
        const string Labels = "command=\"CreateOrder\",outcome=\"not_found\"";
        var before = Sum(await Scrape(), "commerce_commands_total", Labels);

        await new Api(app).AsCustomer("u").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "u", items = new[] { new { product_id = Api.NewId("missing"), quantity = 1 } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });

        await Poll.Until(Scrape, after => Sum(after, "commerce_commands_total", Labels) > before, TimeSpan.FromSeconds(30),
            "CreateOrder counted as not_found");
    }

    async Task<string> Scrape()
    {
        var reply = await app.Send(HttpMethod.Get, "/metrics", null, null, []);
        Assert.Equal(200, (int)reply.Status);
        Assert.StartsWith("text/plain", reply.Headers["Content-Type"], StringComparison.Ordinal);
        return reply.Text;
    }

    // The sum of a metric's samples whose labels include these (Prometheus orders labels by name).
    static double Sum(string scrape, string name, string labels) => scrape.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(labels, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
