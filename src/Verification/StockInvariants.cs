using Commerce.Inventory;
using static Commerce.Verification.Wording;

namespace Commerce.Verification;

/// Every product's figures, counted again from its own events and from the reservations that hold
/// it. A product and its reservations are written in one transaction, so these hold at every commit:
/// no checkout in flight excuses a difference.
public static class StockInvariants
{
    public static IEnumerable<Violation> Check(WriteSide data)
    {
        foreach (var (sku, folded) in data.Products)
        {
            var p = folded.State;
            var received = folded.Events.Select(e => e.Data).OfType<StockReceived>().Sum(e => e.Quantity);
            var sold = folded.Events.Select(e => e.Data).OfType<StockReservationCommitted>().Sum(e => e.Quantity);
            if (p.OnHand != received - sold)
                yield return new("on_hand", sku, $"on hand is {p.OnHand}, but received {received} - sold {sold} = {received - sold}");
            if (p.Sold != sold) yield return new("sold", sku, $"sold is {p.Sold}, but its events commit {sold}");
            if (p.OnHand < 0 || p.Reserved < 0 || p.Available < 0)
                yield return new("negative_stock", sku, $"on hand {p.OnHand}, reserved {p.Reserved}, available {p.Available}: none may be negative");

            var open = Holding(data, sku, OrderReservationStatus.Reserved);
            if (p.Reserved != open.Values.Sum() || !SameOrders(p.OpenReservations, open))
                yield return new("reserved", sku, $"reserved is {p.Reserved} for {Holdings(p.OpenReservations)}, " +
                    $"but the open reservations hold {open.Values.Sum()} for {Holdings(open)}");
            var committed = Holding(data, sku, OrderReservationStatus.Committed);
            if (p.Sold != committed.Values.Sum())
                yield return new("sold", sku, $"sold is {p.Sold}, but committed reservations hold {committed.Values.Sum()} for {Holdings(committed)}");

            // The inline read model is written with the events; it must say the same.
            if (!data.ProductViews.TryGetValue(sku, out var view))
                yield return new("read_model", sku, "no row in the products read model");
            else if ((view.OnHand, view.Reserved, view.Sold) != (p.OnHand, p.Reserved, p.Sold))
                yield return new("read_model", sku, $"the products read model shows on hand {view.OnHand}, reserved {view.Reserved}, sold {view.Sold}; " +
                    $"the events say {p.OnHand}, {p.Reserved}, {p.Sold}");
        }
    }

    static Dictionary<string, int> Holding(WriteSide data, string sku, OrderReservationStatus status) => data.Reservations.Values
        .Where(r => r.State.Status == status)
        .SelectMany(r => r.State.Lines.Where(l => l.ProductId == sku).Select(l => (r.State.OrderId, l.Quantity)))
        .GroupBy(x => x.OrderId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(x => x.Quantity), StringComparer.Ordinal);

    static bool SameOrders(IEnumerable<KeyValuePair<string, int>> a, Dictionary<string, int> b) =>
        a.Count() == b.Count && a.All(x => b.TryGetValue(x.Key, out var q) && q == x.Value);
}
