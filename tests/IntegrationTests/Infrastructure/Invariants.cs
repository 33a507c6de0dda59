using Commerce.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Infrastructure;

/// The last word of a fault test: the cross-module invariants hold for the orders (and products) it
/// made, once every one of its checkouts has settled. Scoped to the test's own ids, because the
/// database is shared with tests that break things on purpose.
public static class Invariants
{
    public static Task<VerificationReport> AssertHold(AppFixture app, IEnumerable<string> orderIds, IEnumerable<string>? skus = null,
        TimeSpan? deadline = null) =>
        AssertHold(app.Host.Services, orderIds, skus, deadline);

    /// For a host running as a process of its own: the same check through its admin route.
    public static async Task AssertHold(ProcessApp host, IEnumerable<string> orderIds, TimeSpan? deadline = null)
    {
        var query = string.Join("&", orderIds.Select(id => $"order_id={Uri.EscapeDataString(id)}"));
        var api = new Api(host);
        var report = await Poll.Until(() => api.Get($"/api/v1/admin/verify?quiet_seconds=0&{query}"),
            r => r.Status == System.Net.HttpStatusCode.OK && r.Body.GetProperty("ok").GetBoolean()
                && r.Body.GetProperty("checked").GetProperty("orders_in_flight").GetInt64() == 0,
            deadline ?? TimeSpan.FromSeconds(60), "the invariants to hold");
        Assert.True(report.Body.GetProperty("ok").GetBoolean(), report.Text);
    }

    /// For any host's services (a second host, one started for a test) against the database to check.
    public static Task<VerificationReport> AssertHold(IServiceProvider services, IEnumerable<string> orderIds, IEnumerable<string>? skus = null,
        TimeSpan? deadline = null)
    {
        var checker = services.GetRequiredService<InvariantChecker>();
        var scope = new VerificationScope([.. orderIds], skus is null ? null : [.. skus]);
        // No quiet period: a compensation still under way shows as a violation that the next round no
        // longer sees, so this waits until nothing is in flight and nothing is broken.
        return Poll.Until(() => checker.Check(scope, TimeSpan.Zero, CancellationToken.None),
            report => report.Ok && report.Checked.OrdersInFlight == 0, deadline ?? TimeSpan.FromSeconds(60), "the invariants to hold");
    }
}
