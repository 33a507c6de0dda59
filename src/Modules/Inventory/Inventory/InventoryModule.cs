using Commerce.BuildingBlocks.Modules;
using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
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

    public static IServiceCollection AddInventoryModule(this IServiceCollection services, string connectionString)
    {
        services.AddMartenStore<IInventoryStore>(options =>
            {
                ModuleStore.Configure(options, connectionString, Schema);
                options.Projections.Add<ProductStockProjection>(ProjectionLifecycle.Inline);
            })
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IInventoryStore>(includeInternalTypes: true);
        return services;
    }

    public static void UseInventoryModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IInventoryStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IInventoryStore).Assembly, typeof(IInventoryStore)));
    }
}
