using Commerce.BuildingBlocks.Background;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
using Commerce.Payments.Contracts;
using FluentValidation;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
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
    public const string GatewaySection = "Payments:Gateway";

    static readonly Type[] Events =
    [
        typeof(PaymentRequested), typeof(PaymentCharged), typeof(PaymentDeclined), typeof(PaymentRefunded),
        typeof(PaymentRefundRequested), typeof(PaymentGatewayTimedOut),
    ];

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString) =>
        services.AddPaymentsModule(connectionString, new GatewayOptions());

    // The host passes its "Payments:Gateway" section (Latency, SlowDelay, CallTimeout); missing keys keep their defaults.
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString, IConfiguration gateway)
    {
        var options = new GatewayOptions();
        gateway.Bind(options);
        return services.AddPaymentsModule(connectionString, options);
    }

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, string connectionString, GatewayOptions gateway)
    {
        var gatewayWakeup = new Wakeup<GatewayWorker>(TimeProvider.System);
        services.AddSingleton(gatewayWakeup);
        services.AddMartenStore<IPaymentsStore>(options =>
            {
                ModuleStore.Configure(options, connectionString, Schema, Events);
                options.Schema.For<PendingGatewayCall>().Identity(c => c.Id);
                options.Listeners.Add(new WakeOnCommit<PendingGatewayCall, GatewayWorker>(gatewayWakeup, c => c.DueAt));
            })
            .IntegrateWithWolverine()
            .WithIntegrationEventRelay<IPaymentsStore, PaymentsIntegrationEvents>()
            .AsModuleStore(Schema)
            .ApplyAllDatabaseChangesOnStartup();
        services.AddValidatorsFromAssemblyContaining<IPaymentsStore>(includeInternalTypes: true);
        services.AddSingleton(gateway.Validated());
        services.AddSingleton<SimulatedPaymentGateway>();
        services.AddSingleton<GatewayCaller>();
        services.AddHostedService<GatewayWorker>();
        return services;
    }

    public static void UsePaymentsModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IPaymentsStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IPaymentsStore).Assembly, typeof(IPaymentsStore)));
    }

    public static void AddPaymentsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ChargePaymentConsumer>().Endpoint(e => e.Name = PaymentsQueues.Checkout);
        bus.AddConsumer<RefundPaymentConsumer>().Endpoint(e => e.Name = PaymentsQueues.Checkout);
    }
}
