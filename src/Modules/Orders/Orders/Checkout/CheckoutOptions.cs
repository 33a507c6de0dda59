namespace Commerce.Orders.Checkout;

/// How long each checkout step may take (configuration section "Checkout").
public sealed class CheckoutOptions
{
    public TimeSpan StockTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PaymentWaitTimeout { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// How many times a step's command is sent again before the checkout compensates.
    public int Resends { get; set; } = 2;
}
