using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

/// A pause is kept in the store, not in the host that applied it: when the leader dies, the host that
/// takes over holds the relay paused too, and it resumes from the checkpoint. Hosts of its own (its
/// own database), so the first one started leads.
[Collection(PauseFailover.Name)]
public sealed class PauseFailoverTests(ProcessHosts hosts)
{
    static readonly TimeSpan StillFor = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task a_paused_relay_stays_paused_on_the_host_that_takes_over()
    {
        var first = await hosts.Start("pause-a");
        await new Catalog(first).Listed();
        var paused = await new Api(first).As(Caller.Admin).Post("/api/v1/admin/projections/inventory/integration-relay/pause", new { });
        Assert.Equal(HttpStatusCode.OK, paused.Status);
        await HeldPaused(first);
        var second = await hosts.Start("pause-b");

        await first.Kill();
        await HeldPaused(second, TimeSpan.FromSeconds(90));
        var sku = Api.NewId("sku");
        var listed = await new Api(second).Post("/api/v1/commands/add-product", new { command_id = Api.NewId("cmd"), product_id = sku, name = "Held", price = 1m, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Accepted, listed.Status);
        await Poll.Throughout(() => new Catalog(second).OrdersCatalogPrice(sku), price => price is null, StillFor, "the product not to reach Orders while paused");

        await new Api(second).As(Caller.Admin).Post("/api/v1/admin/projections/inventory/integration-relay/resume", new { });
        await new Catalog(second).InOrdersCatalog(sku, deadline: TimeSpan.FromSeconds(30));
    }

    static Task<Reply> HeldPaused(ProcessApp host, TimeSpan? deadline = null) =>
        Poll.Until(() => new Api(host).As(Caller.Admin).Get("/api/v1/admin/leadership"),
            r => r.Status == HttpStatusCode.OK && r.Body.GetProperty("stores").EnumerateArray().Single(s => s.Str("store") == "inventory")
                .GetProperty("paused").EnumerateArray().Any(s => s.GetString()!.StartsWith("integration-relay", StringComparison.Ordinal)),
            deadline ?? TimeSpan.FromSeconds(30), $"{host.Name} to hold Inventory's relay paused");
}

[CollectionDefinition(Name)]
public sealed class PauseFailover : ICollectionFixture<ProcessHosts>
{
    public const string Name = "pause-failover";
}
