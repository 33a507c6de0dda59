using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Input that looks odd or hostile but is legitimate. Free text (a product name, a cancel reason) may
/// hold any printable unicode: RTL overrides, zero-width characters, emoji, markup and SQL look-alikes.
/// It is stored and read back exactly as sent, byte for byte; escaping it is the job of whoever displays
/// it. Lengths count UTF-16 code units (an emoji counts two). Ids in query routes are plain values (an
/// encoded slash, %2F, stays encoded: ASP.NET does not decode it in a path).
[Collection(AppHost.Name)]
public sealed class AcceptedInputTests(AppFixture app)
{
    readonly Api api = new(app);

    // Name as raw JSON, and the string it must come back as.
    static readonly Dictionary<string, (string Json, string Expected)> Names = new()
    {
        ["an RTL override"] = ("\"abc\\u202Edef\"", "abc\u202Edef"),
        ["zero-width characters and a BOM"] = ("\"a\\u200Bb\\u200Dc\\uFEFF\"", "a\u200Bb\u200Dc\uFEFF"),
        ["an emoji escaped as a surrogate pair"] = ("\"mug \\uD83D\\uDE00\"", "mug \U0001F600"),
        ["an emoji in UTF-8"] = ("\"mug \U0001F600\"", "mug \U0001F600"),
        ["a combining accent (not normalized)"] = ("\"cafe\\u0301\"", "cafe\u0301"),
        ["CJK and Arabic"] = ("\"青いマグ كوب\"", "青いマグ كوب"),
        ["a line separator"] = ("\"a\\u2028b\"", "a\u2028b"),
        ["the noncharacter U+FFFF"] = ("\"a\\uFFFFb\"", "a\uFFFFb"),
        ["a script tag"] = ("\"<script>alert(1)</script>\"", "<script>alert(1)</script>"),
        ["an SQL look-alike"] = ("\"Robert'); DROP TABLE inventory.mt_events;--\"", "Robert'); DROP TABLE inventory.mt_events;--"),
        ["a path look-alike"] = ("\"../../etc/passwd\"", "../../etc/passwd"),
        ["a JSON look-alike"] = ("\"{\\\"price\\\":0}\"", "{\"price\":0}"),
        ["exactly 200 characters"] = ($"\"{new string('n', 200)}\"", new string('n', 200)),
        ["100 emoji, 200 UTF-16 code units"] = ($"\"{string.Concat(Enumerable.Repeat("\U0001F600", 100))}\"", string.Concat(Enumerable.Repeat("\U0001F600", 100))),
    };

    public static TheoryData<CaseName> NameCases => [.. Names.Keys.Select(k => new CaseName(k))];

    [Theory, MemberData(nameof(NameCases))]
    public async Task an_odd_but_valid_product_name_is_stored_and_read_back_exactly(CaseName @case)
    {
        var (json, expected) = Names[@case.Value];
        var sku = await List(json);

        var product = await new Shop(app).Product(sku);
        var events = await api.Get($"/api/v1/events/{sku}");

        Assert.Equal(expected, product.Str("name"));
        Assert.Equal(expected, events.Body.GetProperty("events")[0].GetProperty("data").Str("name"));
    }

    // Through RabbitMQ into Orders' catalog, onto an order line, and a cancel reason on the order.
    [Fact]
    public async Task odd_text_crosses_modules_unchanged()
    {
        const string name = "<b>mug</b> \u202Eevil\u202C \U0001F600 x'; DROP TABLE orders.mt_events;--";
        var sku = await List(FieldValues.Str(name));
        Assert.Equal(HttpStatusCode.Accepted, (await api.Post("/api/v1/commands/receive-stock",
            new { command_id = Api.NewId("cmd"), product_id = sku, quantity = 5 })).Status);
        await new Catalog(app).InOrdersCatalog(sku);
        var shop = new Shop(app);
        var orderId = await shop.Order(sku, 1, paymentMethod: null);

        var cancelled = await shop.Customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orderId, reason = name });
        var details = await api.Get($"/api/v1/query/order-details/{orderId}");

        Assert.Equal(HttpStatusCode.Accepted, cancelled.Status);
        Assert.Equal(name, details.Body.GetProperty("items")[0].Str("name"));
        Assert.Equal(name, details.Body.Str("cancel_reason"));
    }

    public static TheoryData<string> OddUserIds => ["x' OR '1'='1", "<img src=x onerror=alert(1)>", "..\\..\\etc", "a\u202Eb", "\U0001F600"];

    [Theory, MemberData(nameof(OddUserIds))]
    public async Task an_odd_user_id_in_a_query_route_is_just_a_user_without_orders(string userId)
    {
        var orders = await api.Get($"/api/v1/query/orders/{Uri.EscapeDataString(userId)}");
        var activity = await api.Get($"/api/v1/query/user-activity/{Uri.EscapeDataString(userId)}");

        Assert.Equal(HttpStatusCode.OK, orders.Status);
        Assert.Equal(userId, orders.Body.Str("user_id"));
        Assert.Equal(0, orders.Body.Number("total_count"));
        Assert.Equal(HttpStatusCode.OK, activity.Status);
        Assert.Equal(userId, activity.Body.Str("user_id"));
    }

    async Task<string> List(string nameJson)
    {
        var sku = Api.NewId("sku");
        var listed = await new Attempt("POST", "/api/v1/commands/add-product",
            $$"""{"command_id":"{{Api.NewId("cmd")}}","product_id":"{{sku}}","name":{{nameJson}},"price":1,"currency":"EUR"}""").Send(app);
        Assert.True(listed.Status == HttpStatusCode.Accepted, $"{listed}");
        return sku;
    }
}
