using Commerce.Host.Verification;
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
