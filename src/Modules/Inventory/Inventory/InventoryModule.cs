using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
using Commerce.Inventory.Contracts;
using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Commerce.Inventory;

/// Inventory's own event store, in the "inventory" schema.
public interface IInventoryStore : IDocumentStore;

/// Everything the host needs to compose the Inventory module.
public static class InventoryModule
{
    public const string Schema = "inventory";

    static readonly Type[] Events =
    [
        typeof(ProductListed), typeof(StockReceived), typeof(ProductPriceChanged), typeof(StockReserved),
        typeof(StockReservationFailed), typeof(StockReservationReleased), typeof(StockReservationCommitted),
        typeof(OrderStockReserved), typeof(OrderStockReservationFailed), typeof(OrderStockReleased), typeof(OrderStockCommitted),
    ];

    // Enough parallel checkouts to keep the queue moving; orders for one product queue on its row lock
    // (CheckoutStreams), so the limit is about load, not correctness.
    const int CheckoutConcurrency = 8;

    public static IServiceCollection AddInventoryModule(this IServiceCollection services, string connectionString)
    {
        services.AddMartenStore<IInventoryStore>(options =>
            {
                ModuleStore.Configure(options, connectionString, Schema, Events);
                options.Events.Upcast<ProductAddedV1, ProductListed>(ProductAddedV1.StoredName, v1 => v1.ToCurrent());
                options.Projections.Add<ProductStockProjection>(ProjectionLifecycle.Inline);
                // Products are the long streams: every order's reserve, release and commit lands on them.
                // Each commit updates the product's snapshot in its own transaction, and loading one for a
                // command reads the snapshot instead of the stream. Not an async snapshot (daemon-built,
                // loaded with the events after it): a load would then depend on the daemon's progress
                // and its gap handling, and a snapshot that missed an event would decide reservations
                // on wrong stock.
                options.Projections.Snapshot<Product>(SnapshotLifecycle.Inline);
            })
            .IntegrateWithWolverine()
            .WithIntegrationEventRelay<IInventoryStore, InventoryIntegrationEvents>()
            .AsModuleStore(Schema)
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IInventoryStore>(includeInternalTypes: true);
        return services;
    }

    public static void UseInventoryModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IInventoryStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IInventoryStore).Assembly, typeof(IInventoryStore)));
    }

    // The checkout saga's three commands share one queue.
    public static void AddInventoryConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddCheckoutConsumer<ReserveStockConsumer>();
        bus.AddCheckoutConsumer<ReleaseStockConsumer>();
        bus.AddCheckoutConsumer<CommitStockConsumer>();
    }

    // A lost race is retried where the work runs, by Wolverine (ADR 0009), not again here.
    static void AddCheckoutConsumer<T>(this IBusRegistrationConfigurator bus) where T : class, IConsumer =>
        bus.AddConsumer<T>()
            .Endpoint(e =>
            {
                e.Name = InventoryQueues.Checkout;
                e.ConcurrentMessageLimit = CheckoutConcurrency;
            });
}
