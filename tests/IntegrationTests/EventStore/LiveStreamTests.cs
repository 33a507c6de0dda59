using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.EventStore;

[Collection(AppHost.Name)]
public sealed class LiveStreamTests(AppFixture app)
{
    readonly Api api = new(app);

    [Fact]
    public async Task committed_events_stream_as_sse_and_resume_from_the_last_event_id()
    {
        var sku = Api.NewId("sku");
        await api.Post("/api/v1/commands/add-product", new { command_id = Api.NewId("cmd"), product_id = sku, name = "Streamed", price = 1m, currency = "EUR" });
        await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 2 });

        var (listedId, listed) = await FirstEventAbout(sku, lastEventId: null);
        var (_, received) = await FirstEventAbout(sku, lastEventId: listedId);

        Assert.Equal("ProductListed", listed.Str("type"));
        Assert.Equal("inventory", listed.Str("module"));
        Assert.Equal("StockReceived", received.Str("type"));
        Assert.Matches("^orders:[0-9]+,inventory:[0-9]+,payments:[0-9]+$", listedId);
    }

    [Fact]
    public async Task a_malformed_last_event_id_is_400()
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream");
        request.Headers.Add("Authorization", $"Bearer {Caller.Admin.Bearer()}");
        request.Headers.Add("Last-Event-ID", "nonsense");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // By decision (docs/adr/0010): the feed is every module's events, so it is the admin's. A customer
    // follows their own order with order-details?min_version or user-activity?min_sequence.
    [Fact]
    public async Task a_customer_or_an_operator_may_not_subscribe()
    {
        var customer = await new Api(app).AsCustomer(Api.NewId("user")).Get("/api/v1/events/stream");
        var staff = await new Api(app).As(Caller.Operator).Get("/api/v1/events/stream");

        Assert.Equal(HttpStatusCode.Forbidden, customer.Status);
        Assert.Equal("application/problem+json", customer.Headers["Content-Type"]);
        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
    }

    Task<(string Id, JsonElement Event)> FirstEventAbout(string stream, string? lastEventId) =>
        LiveFeed.First(app, "/api/v1/events/stream?modules=inventory&types=ProductListed,StockReceived", e => e.Str("stream") == stream, lastEventId);
}
