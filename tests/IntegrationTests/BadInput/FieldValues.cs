using System.Text.Json;

namespace Commerce.IntegrationTests.BadInput;

/// A bad value for one field: raw JSON (null: the field left out), the status it must get, and whether
/// the problem's `errors` must name the field (validation) or not (the JSON could not be read at all, or
/// the route checks it itself). Key: the error key when it is not the field's own.
public sealed record BadValue(string What, string? Raw, int Status = 400, bool NamesField = true, string? Key = null);

/// The bad values of each kind of field. Values a field legitimately takes (odd unicode in a name,
/// injection-looking text) are not here: AcceptedInputTests shows they are stored exactly as sent.
public static class FieldValues
{
    public static BadValue Unreadable(string what, string raw) => new(what, raw, NamesField: false);

    public static string Str(string value) => JsonSerializer.Serialize(value);

    static readonly BadValue[] NotAString =
        [Unreadable("a number", "42"), Unreadable("a boolean", "true"), Unreadable("an object", "{}"), Unreadable("an array", "[\"a\"]")];

    static readonly BadValue[] NotANumber =
        [Unreadable("a string", "\"12\""), Unreadable("a boolean", "true"), Unreadable("an object", "{}"), Unreadable("an array", "[1]")];

    // JSON escapes the server must decode and still refuse (or, for lone surrogates, refuse to decode).
    static readonly BadValue[] ControlAndBrokenText =
    [
        new("NUL", "\"a\\u0000b\""), new("a control character", "\"a\\u0001b\""), new("a line break", "\"a\\nb\""),
        new("DEL", "\"a\\u007fb\""), new("a C1 control", "\"a\\u009fb\""),
        Unreadable("a lone high surrogate", "\"a\\ud800b\""), Unreadable("a lone low surrogate", "\"a\\udc00b\""),
    ];

    public static IEnumerable<BadValue> For(Field field)
    {
        var common = field.Kind is Kind.Money or Kind.Quantity or Kind.Version ? NotANumber
            : field.Kind is Kind.Items or Kind.Events ? [Unreadable("an object", "{}"), Unreadable("a string", "\"x\""), Unreadable("a number", "1")]
            : field.Kind is Kind.Address ? [Unreadable("a string", "\"12 Main St\""), Unreadable("a number", "1"), Unreadable("an array", "[{}]")]
            : NotAString;
        var missing = field.Optional ? [] : new[] { Missing(field), NullValue(field) };
        return [.. missing, .. common, .. Specific(field)];
    }

    // A null string is caught by the validator; a null number cannot even be read into the command; the
    // append route checks its events itself.
    static BadValue NullValue(Field field) =>
        field.Kind is Kind.Money or Kind.Quantity or Kind.Events ? Unreadable("null", "null") : new("null", "null");

    static BadValue Missing(Field field) => field.Kind is Kind.Events ? new("missing", null, NamesField: false) : new("missing", null);

    static BadValue[] Specific(Field field) => field.Kind switch
    {
        Kind.CommandId =>
        [
            new("empty", "\"\""), new("129 characters", Str(new string('c', 129))), new("10,000 characters", Str(new string('c', 10_000))),
            new("a control character", "\"c\\u0001x\""), new("a line break", "\"c\\nx\""),
            // NUL never reaches the validator: PostgreSQL refuses it when the command id is looked up.
            Unreadable("NUL", "\"c\\u0000x\""), Unreadable("a lone surrogate", "\"c\\ud800x\""),
        ],
        Kind.Identifier =>
        [
            new("empty", "\"\""), new("blank", "\"   \""), new($"{field.Max + 1} characters", Str(new string('a', field.Max + 1))),
            new("10,000 characters", Str(new string('a', 10_000))), new("a space", "\"a b\""), new("a leading dash", "\"-a\""),
            new("path traversal", "\"../../etc/passwd\""), new("encoded path traversal", "\"..%2F..%2Fetc%2Fpasswd\""),
            new("SQL injection", "\"x'; DROP TABLE orders.mt_events;--\""), new("a script tag", "\"<script>alert(1)</script>\""),
            new("an RTL override", "\"a\\u202Eb\""), new("an emoji", "\"\\ud83d\\ude00\""), new("non-ASCII digits", "\"\\u0661\\u0662\""),
            .. ControlAndBrokenText,
        ],
        Kind.Text =>
        [
            new("empty", "\"\""), new("blank", "\"   \""), new($"{field.Max + 1} characters", Str(new string('a', field.Max + 1))),
            new("10,000 characters", Str(new string('a', 10_000))), new("a tab", "\"a\\tb\""), .. ControlAndBrokenText,
        ],
        Kind.Money =>
        [
            new("zero", "0"), new("negative", "-0.01"), new("three decimals", "12.345"), new("over the maximum", "1000000000.01"),
            new("2e9", "2E+9"), Unreadable("a value that rounds to zero", "1e-30"),
            Unreadable("1e308", "1e308"), Unreadable("-1e308", "-1e308"), Unreadable("beyond decimal", "79228162514264337593543950336"),
            // More digits than a decimal holds: refused rather than silently rounded to another amount.
            Unreadable("30 significant digits", "12.5000000000000000000000000001"),
            Unreadable("digits that round up to the maximum", "999999999.999999999999999999999"),
        ],
        Kind.Quantity =>
        [
            new("zero", "0"), new("negative", "-1"), new("over the maximum", "1000001"), new("int.MaxValue", "2147483647"),
            new("int.MinValue", "-2147483648"), Unreadable("int overflow", "2147483648"), Unreadable("int underflow", "-2147483649"),
            Unreadable("a fraction", "1.5"), Unreadable("an exponent", "1e3"), Unreadable("1e308", "1e308"),
        ],
        Kind.Version =>
        [
            new("negative", "-1"), new("long.MinValue", "-9223372036854775808"), Unreadable("long overflow", "9223372036854775808"),
            Unreadable("a fraction", "1.5"),
        ],
        Kind.Currency =>
        [
            new("empty", "\"\""), new("lower case", "\"eur\""), new("four letters", "\"EURO\""), new("a symbol", "\"€\""),
            new("digits", "\"123\""), new("NUL", "\"E\\u0000R\""), new("a script tag", "\"<script>\""),
        ],
        Kind.PaymentMethod =>
        [
            new("empty", "\"\""), new("an unknown token", "\"tok_unknown\""), new("the wrong case", "\"TOK_VISA\""),
            new("10,000 characters", Str(new string('t', 10_000))), new("NUL", "\"tok_visa\\u0000\""),
            new("SQL injection", "\"tok_visa' OR '1'='1\""),
        ],
        Kind.Email =>
        [
            new("empty", "\"\""), new("blank", "\"   \""), new("no @", "\"ada.example.test\""), new("nothing before the @", "\"@example.test\""),
            new("nothing after the @", "\"ada@\""), new("two @", "\"ada@b@example.test\""),
            new($"{field.Max + 1} characters", Str(new string('a', field.Max + 1 - "@example.test".Length) + "@example.test")),
            .. ControlAndBrokenText,
        ],
        Kind.Address => AddressValues.All,
        Kind.Items => ItemsValues.All,
        Kind.Events => EventsValues.All,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
