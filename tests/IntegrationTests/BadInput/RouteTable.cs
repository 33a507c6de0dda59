using Commerce.BuildingBlocks.Http;

namespace Commerce.IntegrationTests.BadInput;

/// Every route the host maps, as the corpus knows them. BadInputTests compares this list with the
/// host's own endpoints, so a new route fails the build's tests until it has its bad cases here.
public static class RouteTable
{
    /// Method, route template, a concrete path for it, and the authorization policy it names (null: anyone
    /// may call it). Owned paths name the known customer's open order ({open_order}) or the customer.
    public static readonly (string Method, string Template, string Path, string? Policy)[] Routes =
    [
        .. JsonRoute.All.Select(r => ("POST", r.Route, r.Route, (string?)r.Policy)),
        ("POST", "/api/v1/admin/projections/{store}/{projection}/rebuild", "/api/v1/admin/projections/orders/SalesDay/rebuild", Policies.Admins),
        ("GET", "/api/v1/admin/projections", "/api/v1/admin/projections", Policies.Admins),
        // A name no store has: a case that reached the route would pause nothing.
        ("POST", "/api/v1/admin/projections/{store}/{name}/pause", "/api/v1/admin/projections/orders/NoSuchProjection/pause", Policies.Admins),
        ("POST", "/api/v1/admin/projections/{store}/{name}/resume", "/api/v1/admin/projections/orders/NoSuchProjection/resume", Policies.Admins),
        ("GET", "/api/v1/admin/leadership", "/api/v1/admin/leadership", Policies.Admins),
        ("POST", "/api/v1/admin/retention/run", "/api/v1/admin/retention/run", Policies.Admins),
        ("GET", "/api/v1/admin/verify", "/api/v1/admin/verify", Policies.Admins),
        ("GET", "/api/v1/admin/operations", "/api/v1/admin/operations", Policies.Admins),
        ("POST", "/api/v1/admin/error-queues/{queue}/replay", "/api/v1/admin/error-queues/inventory.checkout/replay", Policies.Admins),
        // The page itself holds no data; everything it shows comes from the admin routes.
        ("GET", "/ops", "/ops", null),
        ("GET", "/api/v1/query/order-summary/{orderId}", "/api/v1/query/order-summary/{open_order}", Policies.OrderReader),
        ("GET", "/api/v1/query/products", "/api/v1/query/products", Policies.AnyRole),
        ("GET", "/api/v1/query/order-details/{orderId}", "/api/v1/query/order-details/{open_order}", Policies.OrderHistoryReader),
        ("GET", "/api/v1/query/orders/{userId}", $"/api/v1/query/orders/{Known.Customer}", Policies.UserReader),
        ("GET", "/api/v1/query/sales", "/api/v1/query/sales?from=2026-01-01&to=2026-01-02", Policies.Staff),
        ("GET", "/api/v1/query/user-activity/{userId}", $"/api/v1/query/user-activity/{Known.Customer}", Policies.UserReader),
        ("GET", "/api/v1/query/checkouts/{orderId}", "/api/v1/query/checkouts/{open_order}", Policies.CheckoutReader),
        ("GET", "/api/v1/events/{aggregateId}", "/api/v1/events/{open_order}", Policies.StreamReader),
        ("GET", "/api/v1/events/stream", "/api/v1/events/stream", Policies.Admins),
        ("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null),
        ("GET", "/scalar/{documentName?}", "/scalar/v1", null),
        ("GET", "/scalar/scalar.js", "/scalar/scalar.js", null),
        ("GET", "/scalar/scalar.aspnetcore.js", "/scalar/scalar.aspnetcore.js", null),
        ("GET", "/scalar/favicon.svg", "/scalar/favicon.svg", null),
        // Health checks answer any method: nothing to refuse.
        ("*", "/health/live", "/health/live", null),
        ("*", "/health/ready", "/health/ready", null),
        // So does the Prometheus scrape, as OpenTelemetry's exporter maps it.
        ("*", "/metrics", "/metrics", null),
    ];

    static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    public static IEnumerable<BadCase> WrongMethods() =>
        from route in Routes
        where route.Method != "*"
        from method in Methods
        where method != route.Method && !TakenByAnotherRoute(method, route.Path)
        select new BadCase($"{method} {route.Template} · a method it does not take",
            new Attempt(method, route.Path.Split('?')[0], method is "GET" ? null : "{}"), 405);

    // GET /api/v1/events/append is the event-store read of a stream called "append".
    static bool TakenByAnotherRoute(string method, string path) => method == "GET" && path == "/api/v1/events/append";

    static readonly string[] Unknown =
    [
        "/api/v1/nope", "/api/v2/commands/add-product", "/api/v1/commands/add-product/extra", "/api/v1/query/order-details",
        "/api/v1/query/order-details/a/b", "/%2e%2e/%2e%2e/etc/passwd", "/" + new string('x', 4_000),
    ];

    public static IEnumerable<BadCase> UnknownRoutes() =>
        from path in Unknown
        from method in (string[])["GET", "POST"]
        select new BadCase($"{method} {(path.Length > 60 ? path[..20] + "… (4,000 characters)" : path)} · a route that does not exist",
            new Attempt(method, path, method is "GET" ? null : "{}"), 404);
}
