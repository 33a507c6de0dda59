using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// Status: active, paused (by an admin: see PauseEndpoints) or failed (the daemon paused it after
/// repeated failures and retries it).
public sealed record ProjectionLag(string Store, string Name, long Checkpoint, long HighWaterMark, long HighestSequence,
    long LagEvents, double LagSeconds, string Status);

public sealed record ProjectionsResponse(IReadOnlyList<ProjectionLag> Projections);

/// Where every projection and relay of every store stands (see <see cref="ProjectionLags"/>).
public static class ProjectionsEndpoint
{
    [WolverineGet("/api/v1/admin/projections"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<ProjectionsResponse> Get(ModuleStores stores, TimeProvider clock, CancellationToken ct)
    {
        var rows = new List<ProjectionLag>();
        foreach (var store in stores.All) rows.AddRange(await ProjectionLags.Of(store, clock, ct));
        return new ProjectionsResponse(rows);
    }
}
