using System.Security.Claims;
using System.Text.Json;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commerce.BuildingBlocks.Http;

/// Who placed an order: Orders answers it, the owner check asks it without knowing Orders.
public interface IOrderOwners
{
    /// The user who placed the order, or null when there is no such order.
    Task<string?> OwnerOf(string orderId, CancellationToken ct);
}

/// Where a route names what a customer must own.
public enum Owned
{
    /// `order_id` in the JSON body (pay, cancel).
    OrderInBody,

    /// `{orderId}` in the route (order summary).
    Order,

    /// `{orderId}` in the route, with time travel (order details: ?at_version, ?as_of).
    OrderHistory,

    /// `{orderId}` in the route (the order's checkout).
    Checkout,

    /// `{userId}` in the route (the user's orders and activity).
    User,

    /// `{aggregateId}` in the route (an order's events, in Orders or Payments).
    Stream,
}

/// Passes a caller with one of `StaffRoles`; otherwise a customer who owns what the route names.
public sealed record OwnsIt(Owned What, params string[] StaffRoles) : IAuthorizationRequirement;

/// Another customer's order: answered exactly as an order that does not exist, so its existence is
/// not leaked (the same status and the same text as the route's own 404 for a well-formed request).
public sealed class NotYours(IAuthorizationHandler handler, string answer) : AuthorizationFailureReason(handler, answer);

/// The one owner check: every customer-facing route that names an order or a user goes through it
/// (its policy says which), before the body is validated and before anything is read or written.
public sealed class OwnershipHandler(IOrderOwners owners) : AuthorizationHandler<OwnsIt, HttpContext>
{
    static readonly string[] CustomerStreams = ["orders", "payments"];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnsIt requirement, HttpContext http)
    {
        var caller = context.User;
        if (requirement.StaffRoles.Any(caller.IsInRole))
        {
            context.Succeed(requirement);
            return;
        }
        if (!caller.IsInRole(Access.Customer) || caller.FindFirstValue(Access.UserClaim) is not { } me)
        {
            context.Fail();
            return;
        }
        if (requirement.What == Owned.User)
        {
            if (RouteId(http, requirement.What) == me) context.Succeed(requirement);
            else context.Fail(new AuthorizationFailureReason(this, "A customer may read only their own orders and activity."));
            return;
        }
        var ids = requirement.What == Owned.OrderInBody ? await OrderIdsInBody(http.Request) : [RouteId(http, requirement.What)];
        var module = http.Request.Query["module"].ToString();
        // No id, or one no stream can have (a body without order_id, a NUL) is not looked up: the
        // route's own validation or lookup answers, and nothing that belongs to anyone is read.
        foreach (var id in ids.Where(CommonRules.IsIdentifier).Cast<string>())
        {
            var owner = await owners.OwnerOf(id, http.RequestAborted);
            var mine = requirement.What == Owned.Stream
                // Any module may hold a stream of that id (a product's, in Inventory): only the customer's
                // own order streams pass, and a customer never reaches the other modules' streams.
                ? owner == me && (module.Length == 0 || CustomerStreams.Contains(module))
                // An order that does not exist is refused here too, with the same answer: were it let
                // through, the route's own checks (a bad body, a time-travel query) would answer first
                // and tell it apart from another customer's.
                : owner == me;
            if (mine) continue;
            context.Fail(new NotYours(this, Absent(requirement.What, id, http.Request.Query, module).Message));
            return;
        }
        context.Succeed(requirement);
    }

    static string? RouteId(HttpContext http, Owned what) => http.GetRouteValue(what switch
    {
        Owned.User => "userId",
        Owned.Stream => "aggregateId",
        _ => "orderId",
    }) as string;

    // What the route itself answers for something that does not exist.
    static NotFoundException Absent(Owned what, string id, IQueryCollection query, string module) => what switch
    {
        Owned.OrderHistory => NotFoundException.Order(id, atAPoint: query.ContainsKey("at_version") || query.ContainsKey("as_of")),
        Owned.Checkout => NotFoundException.Checkout(id),
        Owned.Stream => NotFoundException.Stream(id, module),
        _ => NotFoundException.Order(id),
    };

    // The body is read here and again by the route: buffered, and rewound for the route. It is read
    // whatever its Content-Type (Wolverine reads a body without one, or with text/json, as JSON) and at
    // least as leniently as the route reads it, and property names without regard to case (ASP.NET's
    // web defaults): every order_id the route could take is one this check must own.
    static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    static async Task<IReadOnlyList<string?>> OrderIdsInBody(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, Lenient, request.HttpContext.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object) return [];
            return [.. body.RootElement.EnumerateObject()
                .Where(p => p.Name.Equals("order_id", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                .Select(p => p.Value.GetString())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];   // not JSON, or a string .NET cannot hold (a lone surrogate): validation answers
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
