using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

/// Leads: this host holds the store's leader lock. Running: the shards it runs; Paused: those it holds
/// stopped for an admin's pause.
public sealed record StoreLeadership(string Store, bool Leads, IReadOnlyList<string> Running, IReadOnlyList<string> Paused)
{
    public static async Task<StoreLeadership> Of(RegisteredStore store, SubscriptionPauses pauses)
    {
        var running = store.Coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(a => a.Status == JasperFx.AgentStatus.Running).Select(a => a.Name.Identity).Order(StringComparer.Ordinal).ToList();
        return new StoreLeadership(store.Name, await store.LeadsAsync(), running, pauses.HeldPaused(store.Name));
    }

    public static string ThisHost => $"{Environment.MachineName}:{Environment.ProcessId}";
}

public sealed record LeadershipResponse(string Host, IReadOnlyList<StoreLeadership> Stores);

/// What this host runs of each store's async work (projections and the relay). One host leads each
/// store (Marten's HotCold daemon, an advisory lock); the others run nothing until it goes away.
public static class LeadershipEndpoint
{
    [WolverineGet("/api/v1/admin/leadership"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<LeadershipResponse> Get(ModuleStores stores, SubscriptionPauses pauses)
    {
        var leadership = new List<StoreLeadership>();
        foreach (var store in stores.All) leadership.Add(await StoreLeadership.Of(store, pauses));
        return new(StoreLeadership.ThisHost, leadership);
    }
}
