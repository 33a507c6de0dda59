using Commerce.BuildingBlocks.Modules;
using FluentValidation;
using Marten;
using MassTransit;
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

    static readonly Type[] Events = [typeof(PaymentRequested), typeof(PaymentCharged), typeof(PaymentDeclined), typeof(PaymentRefunded)];

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString) =>
        services.AddPaymentsModule(connectionString, new GatewayOptions());

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString, GatewayOptions gateway)
    {
        services.AddMartenStore<IPaymentsStore>(options => ModuleStore.Configure(options, connectionString, Schema, Events))
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IPaymentsStore>(includeInternalTypes: true);
        services.AddSingleton(gateway);
        services.AddSingleton<SimulatedPaymentGateway>();
        return services;
    }

    public static void UsePaymentsModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IPaymentsStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IPaymentsStore).Assembly, typeof(IPaymentsStore)));
    }

    public static void AddPaymentsConsumers(this IBusRegistrationConfigurator bus)
    {
    }
}
