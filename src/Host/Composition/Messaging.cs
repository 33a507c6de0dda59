using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Validation;
using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Payments;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine;
using Wolverine.ErrorHandling;
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
            // Two commands raced on one stream and this one lost at commit: harmless, so decide
            // again on the new state (ADR 0009). A stale expected_version is the client's conflict: 409.
            Conflicts.RetryWhereTheWorkRuns(options);
            options.Policies.Add<ValidationPolicy>();
            options.Policies.Add<CommandScopePolicy>();
            options.Policies.Add<CallerReportsFailuresPolicy>();
            options.UseOrdersModule();
            options.UseInventoryModule();
            options.UsePaymentsModule();
            // The operators' routes (event-store API, admin).
            options.Discovery.IncludeAssembly(typeof(Commerce.Operations.EventStore.AppendEndpoint).Assembly);
        });

        var rabbit = RabbitMqSettings.From(builder.Configuration);
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
                // PostgreSQL away: hold the message and try again for minutes instead of faulting it into an
                // error queue where nobody would look for it. Each endpoint keeps its own policy for the rest.
                cfg.UseMessageRetry(DatabaseOutage.Retry);
                cfg.UseConsumeFilter(typeof(CorrelationLogFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
