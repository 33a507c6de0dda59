using Commerce.Verification;
using Commerce.BuildingBlocks.Errors;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// The invariant checker over HTTP, behind the admin key. Always 200: "ok" says whether it held.
public static class VerifyEndpoint
{
    [WolverineGet("/api/v1/admin/verify"), Tags("Admin")]
    public static Task<VerificationReport> Get(HttpContext http, AdminKey admin, InvariantChecker checker,
        string[]? order_id, string[]? sku, int? quiet_seconds, CancellationToken ct)
    {
        admin.Require(http);
        if (quiet_seconds is < 0) throw new InvalidCommandException("'quiet_seconds' must be 0 or more.");
        var scope = order_id is { Length: > 0 } || sku is { Length: > 0 }
            ? new VerificationScope(order_id ?? [], sku ?? [])
            : VerificationScope.Everything;
        var quiet = quiet_seconds is { } s ? TimeSpan.FromSeconds(s) : InvariantChecker.DefaultQuietPeriod;
        return checker.Check(scope, quiet, ct);
    }
}
