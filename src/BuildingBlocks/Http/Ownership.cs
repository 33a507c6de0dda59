using System.Security.Claims;
using System.Text.Json;
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
        var id = requirement.What == Owned.OrderInBody ? await OrderIdInBody(http.Request) : RouteId(http, requirement.What);
        if (requirement.What == Owned.User)
        {
            if (id == me) context.Succeed(requirement);
            else context.Fail(new AuthorizationFailureReason(this, "A customer may read only their own orders and activity."));
            return;
        }
        if (!CommonRules.IsIdentifier(id))
        {
            // No id, or one no stream can have (a body without order_id, a NUL): the route's own
            // validation or lookup answers, and nothing that belongs to anyone is read.
            context.Succeed(requirement);
            return;
        }
        var module = http.Request.Query["module"].ToString();
        var owner = await owners.OwnerOf(id, http.RequestAborted);
        var mine = requirement.What == Owned.Stream
            // Any module may hold a stream of that id (a product's, in Inventory): only the customer's
            // own order streams pass, and a customer never reaches the other modules' streams.
            ? owner == me && (module.Length == 0 || CustomerStreams.Contains(module))
            // An order that does not exist passes: the route answers its own 404.
            : owner is null || owner == me;
        if (mine) context.Succeed(requirement);
        else context.Fail(new NotYours(this, Absent(requirement.What, id, http.Request.Query, module)));
    }

    static string? RouteId(HttpContext http, Owned what) => http.GetRouteValue(what switch
    {
        Owned.User => "userId",
        Owned.Stream => "aggregateId",
        _ => "orderId",
    }) as string;

    // The routes' own texts for something that does not exist.
    static string Absent(Owned what, string id, IQueryCollection query, string module) => what switch
    {
        Owned.OrderHistory when query.ContainsKey("at_version") || query.ContainsKey("as_of") => $"Order '{id}' does not exist at that point.",
        Owned.Checkout => $"No checkout for order '{id}'.",
        Owned.Stream => module.Length == 0 ? $"No stream '{id}' in any module." : $"No stream '{id}' in {module}.",
        _ => $"Order '{id}' does not exist.",
    };

    // The body is read here and again by the route: buffered, and rewound for the route.
    static async Task<string?> OrderIdInBody(HttpRequest request)
    {
        if (request.HasJsonContentType() is false) return null;
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("order_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;   // not JSON, or a string .NET cannot hold (a lone surrogate): validation answers
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
