using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Telemetry;

[Collection(AppHost.Name)]
public sealed class MetricsTests(AppFixture app)
{
    readonly Catalog catalog = new(app);

    // The libraries' meters in Prometheus' text format, once a request and a command have run.
    [Fact]
    public async Task metrics_are_scraped_in_prometheus_format_with_the_libraries_series()
    {
        await catalog.Listed(stock: 1);

        var scrape = await Poll.Until(() => app.Send(HttpMethod.Get, "/metrics", null, null, []),
            r => (int)r.Status == 200 && r.Text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal)
                && r.Text.Contains("wolverine", StringComparison.OrdinalIgnoreCase),
            what: "a scrape with ASP.NET Core's and Wolverine's series");

        Assert.StartsWith("text/plain", scrape.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("# TYPE ", scrape.Text, StringComparison.Ordinal);
    }
}
