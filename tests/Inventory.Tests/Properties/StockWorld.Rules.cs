using System.Globalization;

namespace Commerce.Inventory.Tests.Properties;

// What must hold after every step, and how the live state is compared with Marten's replay.
public sealed partial class StockWorld
{
    // Each figure is also counted straight from the events and from the reservations, never only
    // taken from the aggregate that the decisions read.
    IEnumerable<string> Invariants()
    {
        foreach (var (sku, p) in products)
        {
            var history = streams[sku];
            var received = history.OfType<StockReceived>().Sum(e => e.Quantity);
            var sold = history.OfType<StockReservationCommitted>().Sum(e => e.Quantity);
            var open = Lines(sku, OrderReservationStatus.Reserved);
            var committed = Lines(sku, OrderReservationStatus.Committed);
            if (p.OnHand < 0) yield return $"{sku}: on hand {p.OnHand} is negative";
            if (p.Reserved < 0) yield return $"{sku}: reserved {p.Reserved} is negative";
            if (p.Available < 0) yield return $"{sku}: available {p.Available} (on hand {p.OnHand} - reserved {p.Reserved}) is negative";
            if (p.OnHand != received - sold) yield return $"{sku}: on hand {p.OnHand}, but received {received} - sold {sold} = {received - sold}";
            if (p.Sold != sold) yield return $"{sku}: sold {p.Sold}, but its events commit {sold}";
            if (p.Sold != committed.Values.Sum()) yield return $"{sku}: sold {p.Sold}, but committed reservations hold {committed.Values.Sum()}";
            if (p.Reserved != open.Values.Sum()) yield return $"{sku}: reserved {p.Reserved}, but open reservations hold {open.Values.Sum()}";
            if (Text(p.OpenReservations) != Text(open)) yield return $"{sku}: open orders {Text(p.OpenReservations)}, reservations say {Text(open)}";
        }
        if (streams.ContainsKey(StockSteps.Ghost)) yield return $"'{StockSteps.Ghost}' was never listed but has events";
    }

    Dictionary<string, int> Lines(string sku, OrderReservationStatus status) => reservations.Values
        .Where(r => r.Status == status)
        .SelectMany(r => r.Lines.Where(l => l.ProductId == sku).Select(l => (r.OrderId, l.Quantity)))
        .ToDictionary(x => x.OrderId, x => x.Quantity, StringComparer.Ordinal);

    async Task<string?> ReplayDiffers(string stream)
    {
        string live, replayed;
        if (reservations.TryGetValue(stream, out var reservation))
        {
            live = Describe(reservation);
            replayed = await replay.Replay<OrderReservation>(stream, streams[stream]) is { } r ? Describe(r) : "nothing";
        }
        else
        {
            live = Describe(products[stream]);
            replayed = await replay.Replay<Product>(stream, streams[stream]) is { } p ? Describe(p) : "nothing";
        }
        return live == replayed ? null : $"{stream} is [{live}] live but [{replayed}] replayed from its {streams[stream].Count} events";
    }

    static string Describe(Product p) => string.Create(CultureInfo.InvariantCulture,
        $"on hand {p.OnHand}, reserved {p.Reserved}, sold {p.Sold}, {p.Price:0.00} {p.Currency}, open {Text(p.OpenReservations)}, settled {Text(p.SettledOrders)}");

    static string Describe(OrderReservation r) =>
        $"{r.Status} {string.Join(", ", r.Lines.Select(l => $"{l.Quantity} {l.ProductId}"))}";

    static string Text<T>(IEnumerable<KeyValuePair<string, T>> entries) =>
        "{" + string.Join(", ", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) + "}";
}
