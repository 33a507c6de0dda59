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
