using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using JasperFx.Events.Daemon;
using Wolverine.Http;

namespace Commerce.Host.Admin;

public sealed record StoreLeadership(string Store, bool Leads, IReadOnlyList<string> Running);

public sealed record LeadershipResponse(string Host, IReadOnlyList<StoreLeadership> Stores);

/// What this host runs of each store's async work (projections and the relay). One host leads each
/// store (Marten's HotCold daemon, an advisory lock); the others run nothing until it goes away.
public static class LeadershipEndpoint
{
    [WolverineGet("/api/v1/admin/leadership"), Tags("Admin")]
    public static LeadershipResponse Get(HttpContext http, AdminKey admin,
        Marten.Events.Daemon.Coordination.IProjectionCoordinator<IOrdersStore> orders,
        Marten.Events.Daemon.Coordination.IProjectionCoordinator<IInventoryStore> inventory,
        Marten.Events.Daemon.Coordination.IProjectionCoordinator<IPaymentsStore> payments)
    {
        admin.Require(http);
        var stores = new (string Name, IProjectionCoordinator Coordinator)[] { ("orders", orders), ("inventory", inventory), ("payments", payments) }
            .Select(s => Of(s.Name, s.Coordinator)).ToList();
        return new LeadershipResponse($"{Environment.MachineName}:{Environment.ProcessId}", stores);
    }

    static StoreLeadership Of(string store, IProjectionCoordinator coordinator)
    {
        var running = coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(a => a.Status == JasperFx.AgentStatus.Running).Select(a => a.Name.Identity).Order(StringComparer.Ordinal).ToList();
        return new StoreLeadership(store, running.Count > 0, running);
    }
}
