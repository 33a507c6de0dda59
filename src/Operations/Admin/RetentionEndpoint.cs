using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Retention;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// Runs the retention job now on this host (it also runs on its own every Retention:Interval): archives
/// ended orders, forgets command ids past the idempotency window, deletes old finished checkouts. When
/// another host is running it, says so and does nothing.
public static class RetentionEndpoint
{
    [WolverinePost("/api/v1/admin/retention/run"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static Task<RetentionReport> Post(RetentionJob job, CancellationToken ct) => job.RunOnce(ct);
}
