namespace Commerce.IntegrationTests.BadInput;

/// Bad `shipping_address` of create-order: one field of a valid address at a time, each refused under
/// its own key (shipping_address.postal_code, ...).
public static class AddressValues
{
    public const string Valid = """{"name":"Ada Lovelace","line1":"12 Analytical Row","city":"London","postal_code":"N1 9GU","country":"GB"}""";

    static readonly (string Name, string? Raw)[] Fields =
        [("name", "\"Ada Lovelace\""), ("line1", "\"12 Analytical Row\""), ("line2", null), ("city", "\"London\""), ("postal_code", "\"N1 9GU\""), ("country", "\"GB\"")];

    static string With(string name, string? raw) =>
        "{" + string.Join(",", Fields.Select(f => (f.Name, Raw: f.Name == name ? raw : f.Raw)).Where(f => f.Raw is not null).Select(f => $"\"{f.Name}\":{f.Raw}")) + "}";

    static BadValue Bad(string field, string what, string? raw) => new($"{field} {what}", With(field, raw), Key: $"shipping_address.{field}");

    public static readonly BadValue[] All =
    [
        new("an empty object", "{}", Key: "shipping_address.name"),
        .. new[] { "name", "line1", "city", "postal_code", "country" }.SelectMany(f => new[] { Bad(f, "missing", null), Bad(f, "empty", "\"\"") }),
        Bad("name", "of 201 characters", FieldValues.Str(new string('a', 201))),
        Bad("line1", "with a line break", "\"12\\nAnalytical Row\""),
        Bad("line2", "empty", "\"\""),
        Bad("line2", "with NUL", "\"Flat\\u00002\""),
        Bad("city", "with a control character", "\"Lon\\u0001don\""),
        Bad("postal_code", "with a '!'", "\"N1 9GU!\""),
        Bad("postal_code", "of 17 characters", "\"12345678901234567\""),
        Bad("postal_code", "starting with a space", "\" N1 9GU\""),
        Bad("country", "in lower case", "\"gb\""),
        Bad("country", "of three letters", "\"GBR\""),
        Bad("country", "as a name", "\"United Kingdom\""),
        FieldValues.Unreadable("a name that is a number", With("name", "5")),
        FieldValues.Unreadable("a country that is an array", With("country", "[\"GB\"]")),
    ];
}
