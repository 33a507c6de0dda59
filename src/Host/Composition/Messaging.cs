using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Validation;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine;
using Wolverine.Marten;

namespace Commerce.Host.Composition;

/// Wolverine carries commands in-process (and serves HTTP); MassTransit owns RabbitMQ.
public static class Messaging
{
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(Program).Assembly;
            // Three module stores and no main one: their Wolverine tables share one schema, which
            // makes that store Wolverine's main message store.
            options.Durability.MessageStorageSchemaName = "wolverine";
            options.Durability.Mode = DurabilityMode.Solo;
            // MassTransit consumers are not Wolverine handlers.
            options.Discovery.CustomizeHandlerDiscovery(q => q.Excludes.Implements<IConsumer>());
            options.Policies.AutoApplyTransactions();
            options.Policies.Add<ValidationPolicy>();
            options.Policies.Add<CallerReportsFailuresPolicy>();
            options.UseOrdersModule();
            options.UseInventoryModule();
            options.UsePaymentsModule();
        });

        var rabbit = builder.Configuration.RabbitMq();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddOrdersConsumers();
            bus.AddInventoryConsumers();
            bus.AddPaymentsConsumers();
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "rabbitmq";
                // Without the broker commands are still accepted and relayed later: degraded, not down.
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Add("ready");
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                });
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
