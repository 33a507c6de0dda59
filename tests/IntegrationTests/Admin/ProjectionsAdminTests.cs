using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Admin;

[Collection(AppHost.Name)]
public sealed class ProjectionsAdminTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);

    [Fact]
    public async Task projections_show_checkpoint_high_water_mark_and_lag_per_store_for_the_admin_only()
    {
        await catalog.Listed();

        var none = await api.As(Caller.Anonymous).Get("/api/v1/admin/projections");
        var wrong = await api.As(Caller.Operator).Get("/api/v1/admin/projections");
        var caughtUp = await Poll.Until(() => api.As(Caller.Admin).Get("/api/v1/admin/projections"),
            r => r.Status == HttpStatusCode.OK && Relay(r, "inventory").Number("lag_events") == 0, TimeSpan.FromSeconds(30), "the relay caught up");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        var relay = Relay(caughtUp, "inventory");
        Assert.Equal(relay.Number("highest_sequence"), relay.Number("checkpoint"));
        Assert.True(relay.Number("high_water_mark") > 0);
    }

    static System.Text.Json.JsonElement Relay(Reply reply, string store) =>
        reply.Body.GetProperty("projections").EnumerateArray().Single(p => p.Str("store") == store && p.Str("name").StartsWith("integration-relay", StringComparison.Ordinal));
}
