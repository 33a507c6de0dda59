using Commerce.Testing;

namespace Commerce.Payments.Tests;

// Builds state the way the running system does: Marten folds the events.
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const string OrderId = "order-1";

    public static readonly PaymentRequested Requested = new(OrderId, 42.50m, "EUR", "tok_visa", Now.AddMinutes(-5));
    public static readonly PaymentCharged Charged = new(OrderId, 42.50m, "EUR", "sim_order-1", Now.AddMinutes(-4));
    public static readonly PaymentDeclined Declined = new(OrderId, "Your card was declined.", Now.AddMinutes(-4));
    public static readonly PaymentRefundRequested RefundRequested = new(OrderId, "Order cancelled.", Now.AddMinutes(-3.5));
    public static readonly PaymentRefunded Refunded = new(OrderId, 42.50m, "Order cancelled.", Now.AddMinutes(-3));
    public static readonly PaymentGatewayTimedOut TimedOut = new(OrderId, TimeSpan.FromSeconds(30), Now.AddMinutes(-4));

    public static Payment Payment(PaymentRequested first, params object[] rest) => MartenReplay.Fold<Payment>(OrderId, [first, .. rest]);

    public static Payment After(Payment current, IReadOnlyList<object> decided) => MartenReplay.Fold(OrderId, decided, current);
}
