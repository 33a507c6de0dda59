using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
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
    ];

    public static IServiceCollection AddInventoryModule(this IServiceCollection services, string connectionString)
    {
        services.AddMartenStore<IInventoryStore>(options =>
            {
                ModuleStore.Configure(options, connectionString, Schema, Events);
                options.Projections.Add<ProductStockProjection>(ProjectionLifecycle.Inline);
            })
            .IntegrateWithWolverine()
            .WithIntegrationEventRelay<IInventoryStore, InventoryIntegrationEvents>()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IInventoryStore>(includeInternalTypes: true);
        return services;
    }

    public static void UseInventoryModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IInventoryStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IInventoryStore).Assembly, typeof(IInventoryStore)));
    }

    public static void AddInventoryConsumers(this IBusRegistrationConfigurator bus)
    {
    }
}
