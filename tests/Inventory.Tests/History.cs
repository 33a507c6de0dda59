namespace Commerce.Inventory.Tests;

// One product's past, written as briefly as the tests read.
public static class History
{
    public const string Sku = "mug-blue";
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ProductListed Listed(decimal price = 9.50m) => new(Sku, "Blue mug", price, "EUR", Now.AddDays(-1));
    public static StockReceived Received(int quantity) => new(Sku, quantity, Now.AddHours(-2));
    public static StockReserved Reserved(string orderId, int quantity) => new(Sku, orderId, quantity, Now.AddHours(-1));
    public static StockReservationFailed Failed(string orderId, int requested, int available) =>
        new(Sku, orderId, requested, available, Now.AddHours(-1));
    public static StockReservationReleased Released(string orderId, int quantity) => new(Sku, orderId, quantity, Now.AddMinutes(-30));
    public static StockReservationCommitted Committed(string orderId, int quantity) => new(Sku, orderId, quantity, Now.AddMinutes(-30));
}
