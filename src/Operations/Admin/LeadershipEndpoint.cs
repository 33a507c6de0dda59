using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// Running: the shards this host runs; Paused: those it holds stopped for an admin's pause. Either
/// means this host leads the store.
public sealed record StoreLeadership(string Store, bool Leads, IReadOnlyList<string> Running, IReadOnlyList<string> Paused)
{
    public static StoreLeadership Of(RegisteredStore store, SubscriptionPauses pauses)
    {
        var running = store.Coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(a => a.Status == JasperFx.AgentStatus.Running).Select(a => a.Name.Identity).Order(StringComparer.Ordinal).ToList();
        var paused = pauses.HeldPaused(store.Name);
        return new StoreLeadership(store.Name, running.Count > 0 || paused.Count > 0, running, paused);
    }

    public static string ThisHost => $"{Environment.MachineName}:{Environment.ProcessId}";
}

public sealed record LeadershipResponse(string Host, IReadOnlyList<StoreLeadership> Stores);

/// What this host runs of each store's async work (projections and the relay). One host leads each
/// store (Marten's HotCold daemon, an advisory lock); the others run nothing until it goes away.
public static class LeadershipEndpoint
{
    [WolverineGet("/api/v1/admin/leadership"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static LeadershipResponse Get(ModuleStores stores, SubscriptionPauses pauses) =>
        new(StoreLeadership.ThisHost, [.. stores.All.Select(s => StoreLeadership.Of(s, pauses))]);
}
