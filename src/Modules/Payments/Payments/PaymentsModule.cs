using Commerce.BuildingBlocks.Modules;
using FluentValidation;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Commerce.Payments;

/// Payments' own event store, in the "payments" schema.
public interface IPaymentsStore : IDocumentStore;

/// Everything the host needs to compose the Payments module.
public static class PaymentsModule
{
    public const string Schema = "payments";

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString)
    {
        services.AddMartenStore<IPaymentsStore>(options => ModuleStore.Configure(options, connectionString, Schema))
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IPaymentsStore>(includeInternalTypes: true);
        return services;
    }

    public static void UsePaymentsModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IPaymentsStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IPaymentsStore).Assembly, typeof(IPaymentsStore)));
    }
}
