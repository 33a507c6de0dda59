using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Faults;

[Collection(Processes.Name)]
public sealed class TwoHostTests(ProcessHosts hosts)
{
    static readonly string[] Stores = ["orders", "inventory", "payments"];

    [Fact]
    public async Task two_hosts_share_the_checkouts_with_one_leader_per_store_that_fails_over()
    {
        var a = await hosts.Start("pair-a");
        var b = await hosts.Start("pair-b");
        var leaders = await OneLeaderPerStore([a, b]);

        var sku = await new Catalog(a).Listed(price: 2m, stock: FaultScale.Orders(100));
        var orders = await Task.WhenAll(Enumerable.Range(0, FaultScale.Orders(12)).Select(i => new Shop(i % 2 == 0 ? a : b).Order(sku, 1)));
        foreach (var order in orders)
        {
            await new Shop(b).CheckoutEndsIn(order, "confirmed", FaultScale.Deadline(TimeSpan.FromSeconds(90)));
            await new CheckoutLedger(a).EndedOnce(order, "confirmed");
        }
        Assert.Equal(leaders, await OneLeaderPerStore([a, b]));

        // Kill the host leading Orders (the saga's relay and projections): the other takes every store over.
        var (victim, survivor) = leaders["orders"] == a.Name ? (a, b) : (b, a);
        await victim.Kill();
        var after = await OneLeaderPerStore([survivor], TimeSpan.FromSeconds(90));
        Assert.All(Stores, store => Assert.Equal(survivor.Name, after[store]));

        var late = await new Shop(survivor).Order(sku, 2);
        await new Shop(survivor).CheckoutEndsIn(late, "confirmed", TimeSpan.FromSeconds(90));
        await new CheckoutLedger(survivor).EndedOnce(late, "confirmed");
        await Invariants.AssertHold(survivor, [.. orders, late]);
    }

    /// Asks every host what it runs until each store is led by exactly one of them (the others run
    /// nothing of it); answers store -> leading host.
    static async Task<IReadOnlyDictionary<string, string>> OneLeaderPerStore(IReadOnlyList<ProcessApp> running, TimeSpan? deadline = null)
    {
        var seen = await Poll.Until(async () =>
        {
            var views = new List<(string Host, string Store, bool Leads)>();
            foreach (var host in running)
            {
                var reply = await new Api(host).Get("/api/v1/admin/leadership");
                if (reply.Status != HttpStatusCode.OK) return [];
                views.AddRange(reply.Body.GetProperty("stores").EnumerateArray().Select(s => (host.Name, s.Str("store"), s.GetProperty("leads").GetBoolean())));
            }
            return views;
        }, views => views.Count > 0 && Stores.All(store => views.Count(v => v.Store == store && v.Leads) == 1),
            deadline ?? TimeSpan.FromSeconds(60), "one leader per store");
        return seen.Where(v => v.Leads).ToDictionary(v => v.Store, v => v.Host);
    }
}
