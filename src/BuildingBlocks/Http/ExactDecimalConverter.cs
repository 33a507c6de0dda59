using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.BuildingBlocks.Http;

/// Reads a JSON number into a decimal only when the decimal holds it exactly. System.Text.Json rounds a
/// number with more digits than a decimal holds (999999999.999999999999999999999 becomes 1000000000,
/// 1e-30 becomes 0), so an amount the client never sent would pass validation.
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value)) throw new JsonException();
        var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return Significant(raw) is { } sent && sent == Significant(value.ToString(CultureInfo.InvariantCulture))
            ? value
            : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    // A number's significant digits and power of ten, in plain or exponent notation, without leading or
    // trailing zeros: 12.50 and 1.25e1 both give ("125", -1).
    static (string Digits, long Exponent)? Significant(string number)
    {
        var text = number.TrimStart('-');
        long exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!long.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return null;
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }
        text = text.TrimStart('0');
        var digits = text.TrimEnd('0');
        return digits.Length == 0 ? ("0", 0) : (digits, exponent + text.Length - digits.Length);
    }
}
