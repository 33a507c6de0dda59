using Commerce.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Commerce.IntegrationTests.Faults;

[Collection(Processes.Name)]
public sealed class CrashTests(ProcessHosts hosts, ITestOutputHelper output)
{
    [Fact]
    public async Task checkouts_of_a_host_killed_mid_way_all_finish_once_another_starts()
    {
        var first = await hosts.Start("crash-first");
        var sku = await new Catalog(first).Listed(price: 3m, stock: FaultScale.Orders(50));
        var shop = new Shop(first);
        var tokens = new[] { "tok_visa", "tok_visa", "tok_chargeDeclined", "tok_visa" };
        var orders = await Task.WhenAll(Enumerable.Range(0, FaultScale.Orders(16)).Select(i => shop.Order(sku, 1 + i % 3, tokens[i % tokens.Length])));

        await first.Kill();
        var ended = await Ended(first, orders);
        output.WriteLine($"{ended} of {orders.Length} checkouts had ended when the host was killed");

        var second = await hosts.Start("crash-second");
        var api = new Api(second);
        var ledger = new CheckoutLedger(second);
        for (var i = 0; i < orders.Length; i++)
        {
            // A card that charges ends confirmed, once: a charge the killed host had claimed is made again
            // when the checkout's deadline re-sends it (Payments makes a waiting call due at once), not
            // after the dead host's lease.
            var checkout = await Poll.Until(() => api.Get($"/api/v1/query/checkouts/{orders[i]}"),
                r => r.Status == System.Net.HttpStatusCode.OK && r.Body.Str("state") is "confirmed" or "cancelled",
                FaultScale.Deadline(TimeSpan.FromSeconds(120)), $"checkout of {orders[i]} to end");
            var end = checkout.Body.Str("state");
            Assert.Equal(tokens[i % tokens.Length] == "tok_visa" ? "confirmed" : "cancelled", end);
            await ledger.EndedOnce(orders[i], end);
        }
        await Invariants.AssertHold(second, orders);
    }

    static async Task<int> Ended(IAppUnderTest app, IEnumerable<string> orders)
    {
        var events = new EventLog(app);
        var count = 0;
        foreach (var order in orders)
            if ((await events.Types("orders", order)).Any(t => t is "order_confirmed" or "order_cancelled")) count++;
        return count;
    }
}
