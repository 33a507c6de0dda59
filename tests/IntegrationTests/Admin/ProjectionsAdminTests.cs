using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Admin;

[Collection(AppHost.Name)]
public sealed class ProjectionsAdminTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);

    [Fact]
    public async Task projections_show_checkpoint_high_water_mark_and_lag_per_store_behind_the_admin_key()
    {
        await catalog.Listed();

        var none = await api.Get("/api/v1/admin/projections");
        var wrong = await Get("wrong-key");
        var caughtUp = await Poll.Until(() => Get("test-admin-key"),
            r => r.Status == HttpStatusCode.OK && Relay(r, "inventory").Number("lag_events") == 0, TimeSpan.FromSeconds(30), "the relay caught up");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        var relay = Relay(caughtUp, "inventory");
        Assert.Equal(relay.Number("highest_sequence"), relay.Number("checkpoint"));
        Assert.True(relay.Number("high_water_mark") > 0);
    }

    static System.Text.Json.JsonElement Relay(Reply reply, string store) =>
        reply.Body.GetProperty("projections").EnumerateArray().Single(p => p.Str("store") == store && p.Str("name").StartsWith("integration-relay", StringComparison.Ordinal));

    async Task<Reply> Get(string key)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/v1/admin/projections");
            s.WithRequestHeader("X-Admin-Key", key);
            s.IgnoreStatusCode();
        });
        return await Reply.From(result);
    }
}
