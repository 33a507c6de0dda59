using System.Globalization;

namespace Commerce.Orders;

/// How Orders writes an amount in its messages: always two decimals, whatever the culture.
internal static class MoneyText
{
    public static string Of(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
