using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

public sealed record RebuildResponse(string Store, string Projection, string Status);

/// Rebuilds one projection from the events while the API runs. The host's own daemon does it, and only
/// on the host that leads that projection, so two daemons never write one read model (the JasperFx
/// `projections rebuild` command starts a daemon of its own: use it only with the hosts stopped).
/// Meanwhile the read model is cleared and refilled, so its queries see it partial until done.
public static class RebuildEndpoint
{
    [WolverinePost("/api/v1/admin/projections/{store}/{projection}/rebuild"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<RebuildResponse> Post(string store, string projection, ModuleStores stores,
        CancellationToken ct)
    {
        var module = stores.Named(store);
        if (await PauseEndpoints.IsPaused(module, projection, ct))
            throw new DomainException($"'{projection}' of {store} is paused: resume it first (a rebuild would start it again).");
        var daemon = module.Coordinator.DaemonForMainDatabase();
        var shards = daemon.CurrentAgents().Where(a => a.Name.Name == projection).Select(a => a.Name.Identity).ToList();
        if (shards.Count == 0)
            throw new DomainException($"This host does not run '{projection}' of {store} (not its leader, or no such async projection). " +
                "Send the rebuild to the leading host.");
        await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), ct);
        // The daemon's rebuild leaves the shard stopped: run it again so it follows new events.
        foreach (var shard in shards) await daemon.StartAgentAsync(shard, ct);
        return new RebuildResponse(store, projection, "rebuilt");
    }
}
