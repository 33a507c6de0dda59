using Commerce.BuildingBlocks.Background;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
using Commerce.Payments.Contracts;
using FluentValidation;
using JasperFx.Events;
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
        bus.AddConsumer<ChargePaymentConsumer>((_, consumer) => consumer.UseMessageRetry(CheckoutRetry.Configure))
            .Endpoint(e => e.Name = PaymentsQueues.Checkout);
        bus.AddConsumer<RefundPaymentConsumer>((_, consumer) => consumer.UseMessageRetry(CheckoutRetry.Configure))
            .Endpoint(e => e.Name = PaymentsQueues.Checkout);
    }
}

// Duplicates of one checkout message can race on the same payment (one wins, the other must decide
// again on what it wrote); anything else is a real fault for the error queue. An unreachable database
// is the bus-wide outage retry's: MassTransit lets the retry closest to the exception decide, so
// handling it here too would fault the message after these 9 s.
internal static class CheckoutRetry
{
    public static void Configure(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(IsConflict);
        retry.Intervals(50, 100, 250, 500, 1000, 2000, 5000);
    }

    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
                or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException) return true;
        }
        return false;
    }
}
