namespace Commerce.IntegrationTests.BadInput;

/// The GET routes: ids that do not exist or look like attacks, query values out of range or of the
/// wrong type, and the admin routes' own checks (the callers they refuse are AccessCases).
public static class QueryCases
{
    static BadCase Get(string template, string what, string url, int status, params (string, string)[] headers) =>
        new($"GET {template} · {what}", new Attempt("GET", url, ContentType: null, Headers: headers), status);

    // Route ids that are not ids: each is looked up as a plain value and found missing.
    static readonly (string What, string Id)[] OddIds =
    [
        ("an id that does not exist", "{unknown_order}"), ("encoded path traversal", "..%2F..%2Fetc%2Fpasswd"),
        ("dot segments", "%2e%2e"), ("SQL injection", "x'%20OR%20'1'='1"), ("a script tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("an RTL override", "a%E2%80%AEb"), ("a 4,000 character id", new string('o', 4_000)),
    ];

    public static IEnumerable<BadCase> All()
    {
        foreach (var (what, id) in OddIds)
        {
            yield return Get("/api/v1/query/order-details/{orderId}", what, $"/api/v1/query/order-details/{id}", 404);
            yield return Get("/api/v1/query/checkouts/{orderId}", what, $"/api/v1/query/checkouts/{id}", 404);
            yield return Get("/api/v1/query/order-summary/{orderId}", what, $"/api/v1/query/order-summary/{id}", 404);
            yield return Get("/api/v1/events/{aggregateId}", what, $"/api/v1/events/{id}", 404);
        }

        const string details = "/api/v1/query/order-details/{orderId}";
        foreach (var (what, query) in new[]
        {
            ("at_version 0", "at_version=0"), ("negative at_version", "at_version=-1"), ("at_version not a number", "at_version=abc"),
            ("at_version beyond long", "at_version=99999999999999999999"), ("as_of not a time", "as_of=yesterday"),
            ("both at_version and as_of", "at_version=1&as_of=2026-01-01T00:00:00Z"), ("min_version not a number", "min_version=abc"),
        })
        {
            yield return Get(details, what, $"/api/v1/query/order-details/{{unknown_order}}?{query}", 400);
        }

        yield return Get("/api/v1/query/order-summary/{orderId}", "min_version not a number",
            "/api/v1/query/order-summary/{unknown_order}?min_version=abc", 400);

        const string orders = "/api/v1/query/orders/{userId}";
        foreach (var (what, query) in new[]
        {
            ("page 0", "page=0"), ("negative page", "page=-1"), ("page_size 0", "page_size=0"), ("page_size 101", "page_size=101"),
            ("page not a number", "page=abc"), ("page beyond int", "page=99999999999"), ("an unknown status", "status=lost"),
            ("SQL injection as the status", "status=x'%20OR%20'1'='1"), ("min_sequence not a number", "min_sequence=abc"),
        })
        {
            yield return Get(orders, what, $"/api/v1/query/orders/user-bad-input?{query}", 400);
        }

        const string sales = "/api/v1/query/sales";
        foreach (var (what, query) in new[]
        {
            ("no dates", ""), ("no to", "from=2026-01-01"), ("a date that is not one", "from=2026-13-01&to=2026-12-31"),
            ("a date in another format", "from=01/02/2026&to=2026-12-31"), ("to before from", "from=2026-02-01&to=2026-01-01"),
            ("367 days", "from=2026-01-01&to=2027-01-02"), ("ten thousand years", "from=0001-01-01&to=9999-12-31"),
            ("min_sequence not a number", "from=2026-01-01&to=2026-01-02&min_sequence=abc"),
        })
        {
            yield return Get(sales, what, $"{sales}?{query}", 400);
        }

        const string activity = "/api/v1/query/user-activity/{userId}";
        foreach (var (what, query) in new[]
        {
            ("limit 0", "limit=0"), ("limit 501", "limit=501"), ("negative limit", "limit=-5"), ("limit not a number", "limit=abc"),
            ("min_sequence not a number", "min_sequence=abc"),
        })
        {
            yield return Get(activity, what, $"/api/v1/query/user-activity/user-bad-input?{query}", 400);
        }

        const string stream = "/api/v1/events/{aggregateId}";
        yield return Get(stream, "an unknown module", "/api/v1/events/{unknown_order}?module=shipping", 400);
        yield return Get(stream, "SQL injection as the module", "/api/v1/events/{unknown_order}?module=orders'%3B--", 400);
        yield return Get(stream, "negative from_version", "/api/v1/events/{unknown_order}?from_version=-1", 400);
        yield return Get(stream, "from_version not a number", "/api/v1/events/{unknown_order}?from_version=abc", 400);

        const string live = "/api/v1/events/stream";
        yield return Get(live, "an unknown module", $"{live}?modules=orders,shipping", 400);
        foreach (var id in new[] { "garbage", "orders:-1", "orders:abc", "shipping:1", "orders:1:2" })
        {
            yield return Get(live, $"Last-Event-ID '{id}'", live, 400, ("Last-Event-ID", id));
        }

        const string verify = "/api/v1/admin/verify";
        yield return Get(verify, "negative quiet_seconds", $"{verify}?quiet_seconds=-1", 400);
        yield return Get(verify, "quiet_seconds not a number", $"{verify}?quiet_seconds=abc", 400);

        const string rebuild = "/api/v1/admin/projections/{store}/{projection}/rebuild";
        static BadCase Rebuild(string what, string url, int status, params (string, string)[] headers) =>
            new($"POST {rebuild} · {what}", new Attempt("POST", url, ContentType: null, Headers: headers), status);
        yield return Rebuild("an unknown store", "/api/v1/admin/projections/shipping/SalesDay/rebuild", 404);
        yield return Rebuild("an unknown projection", "/api/v1/admin/projections/orders/NoSuchProjection/rebuild", 409);
        yield return Rebuild("path traversal as the projection", "/api/v1/admin/projections/orders/..%2F..%2Fetc/rebuild", 409);
        yield return Rebuild("SQL injection as the store", "/api/v1/admin/projections/orders'%3B--/SalesDay/rebuild", 404);


        const string replay = "/api/v1/admin/error-queues/{queue}/replay";
        static BadCase Replay(string what, string url, int status, params (string, string)[] headers) =>
            new($"POST {replay} · {what}", new Attempt("POST", url, ContentType: null, Headers: headers), status);
        // A typo must not make the shovel declare a queue that swallows the replayed messages.
        yield return Replay("a queue that does not exist", "/api/v1/admin/error-queues/inventory.checkuot/replay", 404);
        yield return Replay("path traversal as the queue", "/api/v1/admin/error-queues/..%2F..%2Fapi/replay", 404);
    }
}
