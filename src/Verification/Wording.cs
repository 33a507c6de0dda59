using System.Globalization;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;

namespace Commerce.Verification;

/// How the checker writes what it found, so every message reads the same way.
public static class Wording
{
    public static string Status(Order order) => OrderStatusNames.Of(order.Status);

    public static string Describe(Payment? payment) => payment switch
    {
        null => "missing",
        { Status: PaymentStatus.Charged, RefundReason: not null } => "charged with a refund asked for",
        _ => payment.Status.ToString().ToLowerInvariant(),
    };

    public static string Describe(OrderReservation? reservation) => reservation?.Status.ToString().ToLowerInvariant() ?? "missing";

    public static string Lines(IEnumerable<OrderStockLine> lines) => string.Join(", ", lines
        .GroupBy(l => l.ProductId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Sum(l => l.Quantity)} {g.Key}"));

    public static string Lines(Order order) => Lines(order.Lines.Select(l => new OrderStockLine(l.ProductId, l.Quantity)));

    public static string Holdings(IEnumerable<KeyValuePair<string, int>> byOrder)
    {
        var list = byOrder.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}").ToList();
        return list.Count == 0 ? "no order" : string.Join(", ", list.Take(5)) + (list.Count > 5 ? $" and {list.Count - 5} more" : "");
    }

    public static string Money(decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency}");

    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"at {at:yyyy-MM-dd HH:mm:ss}Z ({(now - at).TotalSeconds:0} s ago)");
}
