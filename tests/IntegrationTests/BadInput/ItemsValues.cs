namespace Commerce.IntegrationTests.BadInput;

/// Bad `items` of create-order: the list itself, then one line's fields, then lines that are well formed
/// but name a product the catalog does not have or a price that is not the catalog's.
public static class ItemsValues
{
    static string Line(string productId = "\"{sku}\"", string quantity = "1") => $$"""{"product_id":{{productId}},"quantity":{{quantity}}}""";

    static string Lines(params string[] lines) => "[" + string.Join(",", lines) + "]";

    public static readonly BadValue[] All =
    [
        new("an empty list", "[]"), new("a null line", "[null]"),
        new($"{101} lines", Lines([.. Enumerable.Range(1, 101).Select(i => Line($"\"p-{i}\""))])),
        new("the same product twice", Lines(Line(), Line())),
        FieldValues.Unreadable("a number as a line", "[42]"), FieldValues.Unreadable("a list as a line", "[[]]"),
        new("a line without quantity", """[{"product_id":"{sku}"}]"""), new("a line without product_id", """[{"quantity":1}]"""),
        new("quantity 0", Lines(Line(quantity: "0"))), new("negative quantity", Lines(Line(quantity: "-1"))),
        new("quantity over the maximum", Lines(Line(quantity: "1000001"))),
        FieldValues.Unreadable("quantity int overflow", Lines(Line(quantity: "2147483648"))),
        FieldValues.Unreadable("quantity as a string", Lines(Line(quantity: "\"1\""))),
        new("an empty product_id", Lines(Line("\"\""))), new("SQL injection in product_id", Lines(Line("\"x'; DROP TABLE inventory.mt_events;--\""))),
        new("a 10,000 character product_id", Lines(Line(FieldValues.Str(new string('p', 10_000))))),
        new("a NUL in product_id", Lines(Line("\"a\\u0000b\""))),
        new("price with three decimals", """[{"product_id":"{sku}","quantity":1,"price":9.505}]"""),
        new("negative price", """[{"product_id":"{sku}","quantity":1,"price":-9.5}]"""),
        FieldValues.Unreadable("price as a string", """[{"product_id":"{sku}","quantity":1,"price":"9.50"}]"""),
        FieldValues.Unreadable("price 1e308", """[{"product_id":"{sku}","quantity":1,"price":1e308}]"""),
        // Well formed, refused by the decision: nothing is written either.
        new("a product not in the catalog", Lines(Line("\"{unknown_sku}\"")), 404, NamesField: false),
        new("a price that is not the catalog's", """[{"product_id":"{sku}","quantity":1,"price":1.25}]"""),
    ];
}
