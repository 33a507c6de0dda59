using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.Verification;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// The invariant checker over HTTP, admin only. Always 200: "ok" says whether it held.
public static class VerifyEndpoint
{
    [WolverineGet("/api/v1/admin/verify"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static Task<VerificationReport> Get(InvariantChecker checker,
        string[]? order_id, string[]? sku, int? quiet_seconds, CancellationToken ct)
    {
        if (quiet_seconds is < 0) throw new InvalidCommandException("'quiet_seconds' must be 0 or more.");
        var scope = order_id is { Length: > 0 } || sku is { Length: > 0 }
            ? new VerificationScope(order_id ?? [], sku ?? [])
            : VerificationScope.Everything;
        var quiet = quiet_seconds is { } s ? TimeSpan.FromSeconds(s) : InvariantChecker.DefaultQuietPeriod;
        return checker.Check(scope, quiet, ct);
    }
}
