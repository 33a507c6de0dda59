namespace Commerce.Orders.Checkout;

/// How long each checkout step may take (configuration section "Checkout"). The payment step gives up
/// after PaymentTimeout x (Resends + 1), before the gateway's slow token answers (Payments:Gateway).
public sealed class CheckoutOptions
{
    public TimeSpan StockTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan PaymentWaitTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// How many times a step's command is sent again before the checkout compensates.
    public int Resends { get; set; } = 1;
}
