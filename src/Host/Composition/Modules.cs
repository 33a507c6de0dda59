using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Privacy;
using Commerce.BuildingBlocks.Retention;
using Commerce.Inventory;
using Commerce.Operations.Monitoring;
using Commerce.Orders;
using Commerce.Orders.Checkout;
using Commerce.Payments;

namespace Commerce.Host.Composition;

public static class Modules
{
    public static void AddModules(this WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.PostgresConnectionString();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CommandGateway>();
        // Customers' keys are wrapped by the master key: a host without one could seal nothing.
        builder.Services.AddOptions<MasterKey>().BindConfiguration(MasterKey.Section).Validate(MasterKey.IsValid, MasterKey.Invalid).ValidateOnStart();
        builder.Services.AddSingleton<PersonalData>();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddSingleton<IRetentionTask, ProcessedCommandPruning>();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        builder.Services.AddSingleton<Commerce.Verification.InvariantChecker>();
        builder.Services.AddOperationsMonitor(RabbitMqSettings.From(builder.Configuration));
        builder.Services.AddOrdersModule(postgres, builder.Configuration.GetSection("Checkout").Get<CheckoutOptions>() ?? new CheckoutOptions());
        builder.Services.AddInventoryModule(postgres);
        builder.Services.AddPaymentsModule(postgres, builder.Configuration.GetSection(PaymentsModule.GatewaySection));
    }
}
