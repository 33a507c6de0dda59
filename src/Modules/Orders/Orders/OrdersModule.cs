using Commerce.BuildingBlocks.Modules;
using FluentValidation;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Commerce.Orders;

/// Orders' own event store, in the "orders" schema.
public interface IOrdersStore : IDocumentStore;

/// Everything the host needs to compose the Orders module.
public static class OrdersModule
{
    public const string Schema = "orders";

    public static IServiceCollection AddOrdersModule(this IServiceCollection services, string connectionString)
    {
        services.AddMartenStore<IOrdersStore>(options => ModuleStore.Configure(options, connectionString, Schema))
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IOrdersStore>(includeInternalTypes: true);
        return services;
    }

    public static void UseOrdersModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IOrdersStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IOrdersStore).Assembly, typeof(IOrdersStore)));
    }
}
