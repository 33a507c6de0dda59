using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.BuildingBlocks.Modules;

/// One module's store, as the routes that read across modules see it (the event-store API, the admin
/// routes): its name in URLs and responses, the store, and the coordinator of its async work.
public sealed record RegisteredStore(string Name, IDocumentStore Store, IProjectionCoordinator Coordinator)
{
    /// The store's async projections and subscriptions (the relay), as shard identity ("OrdersByUser:All")
    /// and name ("OrdersByUser"): what a daemon runs, whether or not it has run yet.
    public IReadOnlyList<(string Identity, string Name)> AsyncShards() =>
        [.. ((DocumentStore)Store).Options.Projections.AllShards().Select(s => (s.Name.Identity, s.Name.Name))];
}

/// Every module store of this host, in the order the modules were added. Each module registers its own
/// (`.AsModuleStore("orders")`), so nothing outside the modules lists them.
public sealed class ModuleStores(IEnumerable<RegisteredStore> stores)
{
    public IReadOnlyList<RegisteredStore> All { get; } = [.. stores];

    /// "orders, inventory or payments", for an error that names what may be asked for.
    public string Names => All.Count < 2 ? string.Join("", All.Select(s => s.Name))
        : $"{string.Join(", ", All.SkipLast(1).Select(s => s.Name))} or {All[^1].Name}";

    public RegisteredStore? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// The store a route names in its path: 404 naming the ones there are when there is none.
    public RegisteredStore Named(string name) => Find(name) ?? throw new Errors.NotFoundException($"No store '{name}'; use {Names}.");
}

public static class ModuleStoreRegistration
{
    public static MartenServiceCollectionExtensions.MartenStoreExpression<TStore> AsModuleStore<TStore>(
        this MartenServiceCollectionExtensions.MartenStoreExpression<TStore> store, string name)
        where TStore : class, IDocumentStore
    {
        store.Services.TryAddSingleton<ModuleStores>();
        if (store.Services.All(d => d.ServiceType != typeof(SubscriptionPauses)))
        {
            store.Services.AddSingleton<SubscriptionPauses>();
            store.Services.AddHostedService(sp => sp.GetRequiredService<SubscriptionPauses>());
        }
        store.Services.AddSingleton(sp => new RegisteredStore(name, sp.GetRequiredService<TStore>(),
            sp.GetRequiredService<IProjectionCoordinator<TStore>>()));
        return store;
    }
}
