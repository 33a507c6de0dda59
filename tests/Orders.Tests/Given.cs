using Commerce.Orders.Customers;
using Commerce.Testing;

namespace Commerce.Orders.Tests;

// Builds state the way the running system does: Marten folds the events.
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public const string OrderId = "order-1";
    public const string UserId = "user-1";

    public static readonly CatalogProduct Keyboard = new("sku-kbd", "Keyboard", 9.50m, "EUR", 1);
    public static readonly CatalogProduct Mouse = new("sku-mouse", "Mouse", 4.25m, "EUR", 3);
    public static readonly CatalogProduct Cable = new("sku-cable", "Cable", 2.00m, "USD", 1);

    public static readonly IReadOnlyDictionary<string, CatalogProduct> Catalog =
        new[] { Keyboard, Mouse, Cable }.ToDictionary(p => p.Id);

    // 2 keyboards and 1 mouse: 2 × 9.50 + 1 × 4.25 = 23.25 EUR, no payment method yet.
    public static readonly ShippingAddress Address = new("Ada Lovelace", "12 Analytical Row", null, "London", "N1 9GU", "GB");

    /// What create-order's handler hands the decision: the delivery details, sealed (opaque here).
    public const string SealedDelivery = "pd1:user-1:1:c2VhbGVk";

    public static readonly OrderPlaced Placed = new(OrderId, UserId,
        [new OrderLine(Keyboard.Id, "Keyboard", 2, 9.50m), new OrderLine(Mouse.Id, "Mouse", 1, 4.25m)],
        23.25m, "EUR", null, Now.AddMinutes(-10));

    public static readonly OrderPlaced PlacedWithPayment = Placed with { PaymentMethod = "tok_visa" };
    public static readonly OrderPaymentSubmitted PaymentSubmitted = new(OrderId, "tok_visa", 23.25m, "EUR", Now.AddMinutes(-9));
    public static readonly OrderConfirmed Confirmed = new(OrderId, 23.25m, "EUR", 3, Now.AddMinutes(-8));
    public static readonly OrderShipped Shipped = new(OrderId, "track-42", Now.AddMinutes(-7));
    public static readonly OrderCancelled Cancelled = new(OrderId, "Changed my mind.", Now.AddMinutes(-6));

    public static Order Order(OrderPlaced first, params object[] rest) => MartenReplay.Fold<Order>(OrderId, [first, .. rest]);

    // The usual history that leads to each status, so theories can name the state they start from.
    public static Order OrderThatIs(string status) => status switch
    {
        "placed" => Order(Placed),
        "confirmed" => Order(Placed, Confirmed),
        "shipped" => Order(Placed, Confirmed, Shipped),
        "cancelled" => Order(Placed, Cancelled),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
