using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.BuildingBlocks.Messaging;

public static class RelayRegistration
{
    /// Adds the module's relay and the async daemon that runs it (one leader per store across hosts).
    public static MartenServiceCollectionExtensions.MartenStoreExpression<TStore> WithIntegrationEventRelay<TStore, TMap>(
        this MartenServiceCollectionExtensions.MartenStoreExpression<TStore> store)
        where TStore : class, IDocumentStore
        where TMap : class, IIntegrationEventMap<TStore>
    {
        store.Services.AddSingleton<IIntegrationEventMap<TStore>, TMap>();
        return store
            .AddSubscriptionWithServices<IntegrationEventRelay<TStore>>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = IntegrationEventRelay<TStore>.SubscriptionName;
                subscription.IncludeArchivedEvents = true;
                subscription.Options.BatchSize = 100;
            })
            .AddAsyncDaemon(DaemonMode.HotCold);
    }
}
