namespace Commerce.BuildingBlocks.Http;

/// Who may call what: the roles a token carries and the names of the authorization policies every
/// route names (defined in one place, the Host's Auth composition).
public static class Access
{
    public const string Customer = "customer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> Roles = [Customer, Operator, Admin];

    /// The token's subject: the acting user.
    public const string UserClaim = "sub";
    public const string RoleClaim = "role";
}

/// The authorization policies, one per kind of route; each route names one with
/// [Authorize(Policy = ...)] and the Host's Auth composition defines them all.
public static class Policies
{
    /// A customer places orders for themselves.
    public const string Customers = "customers";

    /// The customer who owns the order named in the body: pay, cancel.
    public const string OrderOwner = "order-owner";

    /// Staff, or the customer who owns the order in the route: its summary...
    public const string OrderReader = "order-reader";

    /// ...its details, now or at an earlier point...
    public const string OrderHistoryReader = "order-history-reader";

    /// ...and its checkout.
    public const string CheckoutReader = "checkout-reader";

    /// Staff, or the customer the route's user id names: their orders, their activity.
    public const string UserReader = "user-reader";

    /// The admin, or the customer who owns the order stream in the route (Orders' and Payments').
    public const string StreamReader = "stream-reader";

    /// Any signed-in caller with a role: the catalog.
    public const string AnyRole = "any-role";

    public const string Operators = "operators";

    /// Operators and admins: sales figures.
    public const string Staff = "staff";

    public const string Admins = "admins";

    public static readonly IReadOnlyList<string> All =
        [Customers, OrderOwner, OrderReader, OrderHistoryReader, CheckoutReader, UserReader, StreamReader, AnyRole, Operators, Staff, Admins];
}
