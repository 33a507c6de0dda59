using JasperFx;
using JasperFx.Events.Daemon;

namespace Commerce.BuildingBlocks.Modules;

/// Whether this host leads a store's async work: holds the HotCold daemon's lock, asked of the
/// coordinator itself, so a host whose subscriptions are all paused still leads and a host that lost
/// the lock does not, whatever agents it still has registered.
public static class Leadership
{
    public static async Task<bool> LeadsAsync(this RegisteredStore store)
    {
        if (store.Coordinator is ProjectionCoordinatorBase { Distributor: { } distributor })
            return (await distributor.BuildDistributionAsync()).Any(distributor.HasLock);
        return store.Coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Status == AgentStatus.Running);
    }
}
