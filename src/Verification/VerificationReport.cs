namespace Commerce.Verification;

/// One broken invariant: which rule, about which stream (an order id, a SKU), in words.
public sealed record Violation(string Rule, string Subject, string Message)
{
    public override string ToString() => $"[{Rule}] {Subject}: {Message}";
}

public sealed record CheckedCounts(int Products, int Reservations, int Orders, int OrdersInFlight, int Payments);

public sealed record VerificationReport(bool Ok, CheckedCounts Checked, IReadOnlyList<Violation> Violations)
{
    public override string ToString() =>
        $"{(Ok ? "ok" : $"{Violations.Count} violation(s)")}: checked {Checked.Products} products, {Checked.Reservations} reservations, " +
        $"{Checked.Payments} payments, {Checked.Orders} settled orders ({Checked.OrdersInFlight} in flight)" +
        string.Concat(Violations.Select(v => $"{Environment.NewLine}  {v}"));
}

/// What to check: everything, or only some orders (with the products they touch) and some products.
/// Tests share one database, so each scopes the checker to its own ids.
public sealed record VerificationScope(IReadOnlyCollection<string>? OrderIds = null, IReadOnlyCollection<string>? Skus = null)
{
    public static readonly VerificationScope Everything = new();

    public bool IsEverything => OrderIds is null && Skus is null;
}
