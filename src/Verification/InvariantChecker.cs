using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;

namespace Commerce.Verification;

/// Checks the invariants that span the modules over the whole database (or a scope of it): every
/// product's stock against its events and its reservations, every settled order against its payment
/// and its stock (see OrderInvariants for when an order counts as settled).
public sealed class InvariantChecker(IOrdersStore orders, IInventoryStore inventory, IPaymentsStore payments, TimeProvider clock)
{
    /// Long enough for a compensation to cross RabbitMQ with its retries; short enough to be useful.
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromSeconds(30);

    public Task<VerificationReport> Check(CancellationToken ct) => Check(VerificationScope.Everything, DefaultQuietPeriod, ct);

    public async Task<VerificationReport> Check(VerificationScope scope, TimeSpan quietPeriod, CancellationToken ct)
    {
        var data = await WriteSide.Read(orders, inventory, payments, scope, ct);
        var stock = StockInvariants.Check(data).ToList();
        var checkouts = OrderInvariants.Check(data, scope, clock.GetUtcNow(), quietPeriod);
        List<Violation> violations = [.. Missing(scope, data), .. stock, .. checkouts.Violations];
        return new VerificationReport(violations.Count == 0,
            new CheckedCounts(data.Products.Count, data.Reservations.Count, checkouts.Settled, checkouts.InFlight, data.Payments.Count),
            violations);
    }

    // An id asked for by name that no store knows: an accepted order that was lost, or a wrong id
    // that would otherwise make the check pass with nothing checked.
    static IEnumerable<Violation> Missing(VerificationScope scope, WriteSide data) =>
        (scope.OrderIds ?? []).Where(id => !data.Orders.ContainsKey(id)).Select(id => new Violation("missing", id, "no such order in Orders' store"))
            .Concat((scope.Skus ?? []).Where(sku => !data.Products.ContainsKey(sku)).Select(sku => new Violation("missing", sku, "no such product in Inventory's store")));
}
