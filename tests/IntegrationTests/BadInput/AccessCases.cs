using Commerce.BuildingBlocks.Http;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Who may call what, as bad input: every route that names a policy, called with no token, a token the
/// host must not accept, a role the route does not admit, and another customer's order or user. Each
/// request is otherwise one the route admits, so the caller alone is what is refused.
public static class AccessCases
{
    static readonly Caller Stranger = Caller.Customer("user-stranger");

    public static IEnumerable<BadCase> All()
    {
        foreach (var (method, template, path, policy) in RouteTable.Routes)
        {
            if (policy is null) continue;
            var attempt = Request(method, template, path);
            BadCase As(string what, Caller caller, int status) => new($"{method} {template} · {what}", attempt with { As = caller }, status);

            yield return As("no token", Caller.Anonymous, 401);
            yield return As("an expired token", attempt.Caller.With(TokenFlaw.Expired), 401);
            yield return As("a token signed with another key", attempt.Caller.With(TokenFlaw.WrongKey), 401);
            yield return As("a token for another audience", attempt.Caller.With(TokenFlaw.WrongAudience), 401);
            yield return new($"{method} {template} · a token that is not a JWT",
                attempt.With(("Authorization", "Bearer not.a.token")) with { As = Caller.Anonymous }, 401);
            yield return As($"a role it does not admit ({NotAdmitted(policy)})", NotAdmitted(policy), 403);
        }

        // Another customer's order answers as an order that does not exist; another user's list is refused.
        foreach (var route in JsonRoute.All.Where(r => r.Policy == Policies.OrderOwner))
        {
            yield return new($"POST {route.Route} · another customer's order",
                route.Post(route.ValidBody) with { As = Stranger }, 404);
            // Wolverine reads a body without a Content-Type as JSON: so does the check. (Routing refuses
            // any other media type, text/json included, with 415 before anything is checked.)
            yield return new($"POST {route.Route} · another customer's order, sent without a Content-Type",
                new Attempt("POST", route.Route, route.ValidBody, ContentType: null, As: Stranger), 404);
            // Another customer's order answers as one that does not exist, even when the body is not valid.
            yield return new($"POST {route.Route} · another customer's order, with a body that is not valid",
                route.Post(route.With("command_id", "5")) with { As = Stranger }, 404);
            // The route reads names without regard to case: so does the owner check.
            yield return new($"POST {route.Route} · another customer's order as ORDER_ID",
                route.Post(route.ValidBody.Replace("\"order_id\"", "\"ORDER_ID\"", StringComparison.Ordinal)) with { As = Stranger }, 404);
        }
        foreach (var (_, template, path, policy) in RouteTable.Routes.Where(r => r.Method == "GET" && r.Path.Contains("{open_order}")))
        {
            yield return new($"GET {template} · another customer's order", new Attempt("GET", path, ContentType: null, As: Stranger), 404);
        }
        yield return new("GET /api/v1/query/order-details/{orderId} · another customer's order at an earlier version",
            new Attempt("GET", "/api/v1/query/order-details/{open_order}?at_version=1", ContentType: null, As: Stranger), 404);
        // Whatever else the request asks, an order that is not the customer's is answered before it.
        foreach (var (what, query) in new[] { ("at_version 0", "at_version=0"), ("both at_version and as_of", "at_version=1&as_of=2026-01-01T00:00:00Z") })
        {
            yield return new($"GET /api/v1/query/order-details/{{orderId}} · another customer's order, {what}",
                new Attempt("GET", $"/api/v1/query/order-details/{{open_order}}?{query}", ContentType: null, As: Stranger), 404);
            yield return new($"GET /api/v1/query/order-details/{{orderId}} · an order that does not exist, as a customer, {what}",
                new Attempt("GET", $"/api/v1/query/order-details/{{unknown_order}}?{query}", ContentType: null, As: Stranger), 404);
        }
        yield return new("GET /api/v1/query/order-summary/{orderId} · another customer's order, waiting for a later version",
            new Attempt("GET", "/api/v1/query/order-summary/{open_order}?min_version=99", ContentType: null, As: Stranger), 404);
        yield return new("GET /api/v1/events/{aggregateId} · the customer's own order in Inventory's streams",
            new Attempt("GET", "/api/v1/events/{open_order}?module=inventory", ContentType: null, As: Caller.Customer(Known.Customer)), 404);
        yield return new("GET /api/v1/events/{aggregateId} · a product's stream, as a customer",
            new Attempt("GET", "/api/v1/events/{sku}", ContentType: null, As: Stranger), 404);
        yield return new("GET /api/v1/events/{aggregateId} · the record of the customer's own erasures, as the customer",
            new Attempt("GET", $"/api/v1/events/customer-{Known.Customer}", ContentType: null, As: Caller.Customer(Known.Customer)), 404);
        foreach (var (_, template, path, _) in RouteTable.Routes.Where(r => r.Policy == Policies.UserReader))
        {
            yield return new($"GET {template} · another customer's", new Attempt("GET", path, ContentType: null, As: Stranger), 403);
        }
        yield return new("POST /api/v1/commands/create-order · a user_id that is not the token's user", new Attempt("POST", "/api/v1/commands/create-order",
            $$"""{"command_id":"{cmd}","user_id":"{{Known.Customer}}","items":[{"product_id":"{sku}","quantity":1}]}""", As: Stranger), 403);
        yield return new("POST /api/v1/commands/create-order · an empty user_id", new Attempt("POST", "/api/v1/commands/create-order",
            """{"command_id":"{cmd}","user_id":"","items":[{"product_id":"{sku}","quantity":1}]}"""), 403);
    }

    // The request the route admits, but for its caller: a JSON route's valid body, a query route's path.
    static Attempt Request(string method, string template, string path) =>
        JsonRoute.All.FirstOrDefault(r => r.Route == template) is { } json ? json.Post(json.ValidBody)
        : new Attempt(method, path, ContentType: null);

    // Roles are not a ladder: each policy has a caller it refuses with a valid token.
    static Caller NotAdmitted(string policy) => policy switch
    {
        Policies.Customers or Policies.OrderOwner => Caller.Staff,
        Policies.Operators or Policies.Staff => Caller.Customer(Known.Customer),
        Policies.Admins or Policies.StreamReader => Caller.Operator,
        _ => Caller.NoRole,
    };
}
