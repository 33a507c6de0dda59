namespace Commerce.Payments.Contracts;

/// The simulated gateway's test tokens (Stripe-style), sent as `payment_method`. See the README.
public static class PaymentMethods
{
    public const string Visa = "tok_visa";
    public const string ChargeDeclined = "tok_chargeDeclined";
    public const string InsufficientFunds = "tok_insufficientFunds";
    public const string Timeout = "tok_timeout";
    public const string Slow = "tok_slow";

    public static readonly IReadOnlyList<string> All = [Visa, ChargeDeclined, InsufficientFunds, Timeout, Slow];

    public static bool IsKnown(string? token) => token is not null && All.Contains(token, StringComparer.Ordinal);

    public static string UnknownMessage(string? token) =>
        $"Unknown payment method '{token}'. Valid test tokens: {string.Join(", ", All)}.";
}
