using Commerce.BuildingBlocks.Background;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Messaging;
using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Privacy;
using Commerce.BuildingBlocks.Retention;
using Commerce.BuildingBlocks.Sagas;
using Commerce.Orders.Checkout;
using Commerce.Orders.Customers;
using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;
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

    static readonly Type[] Events =
    [
        typeof(OrderPlaced), typeof(OrderPaymentSubmitted), typeof(OrderConfirmed), typeof(OrderShipped), typeof(OrderCancelled),
        typeof(CheckoutStockReserved), typeof(CheckoutStockReservationFailed), typeof(CheckoutStockReleased),
        typeof(CheckoutPaymentCharged), typeof(CheckoutPaymentDeclined), typeof(CheckoutPaymentRefunded),
        typeof(CustomerForgotten),
    ];

    public static IServiceCollection AddOrdersModule(this IServiceCollection services, string connectionString, CheckoutOptions checkout)
    {
        services.AddSingleton(checkout);
        var deadlines = new Wakeup<CheckoutDeadlines>(TimeProvider.System);
        services.AddSingleton(deadlines);
        services.AddHostedService<CheckoutDeadlines>();
        services.AddMartenStore<IOrdersStore>(options =>
            {
                ModuleStore.Configure(options, connectionString, Schema, Events);
                options.Listeners.Add(new WakeOnCommit<CheckoutState, CheckoutDeadlines>(deadlines, s => s.DeadlineAt));
                options.Listeners.Add(new CheckoutMetrics(TimeProvider.System));
                options.Schema.For<CatalogProduct>().Identity(p => p.Id);
                // Customers' keys: a table of their own. Two first orders of a customer race to make the key.
                options.Schema.For<StoredCustomerKey>().UseOptimisticConcurrency(true);
                options.Projections.Add<OrderDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<OrderSummaryProjection>(ProjectionLifecycle.Inline);
                // The seeds' order_summary indexes: (user_id, status) and created_at.
                options.Schema.For<OrderSummary>().Index([s => s.UserId, s => s.Status]).Index(s => s.CreatedAt);
                options.Projections.Add<OrdersByUserProjection>(ProjectionLifecycle.Async);
                options.Schema.For<UserOrder>().Index([u => u.Order.UserId, u => u.Order.Status]).Index(u => u.Order.CreatedAt);
                // Orders are short streams (a dozen events); no snapshot needed.
                options.Projections.Add<SalesByDayProjection>(ProjectionLifecycle.Async);
                options.Projections.Add<UserActivityProjection>(ProjectionLifecycle.Async);
                options.Schema.For<UserActivity>().Index(a => a.UserId);
                options.AddSagaDocument<CheckoutState>().Index(s => s.DeadlineAt!)
                    .Index(s => s.CurrentState, index => index.Predicate = SagaStates.InFlight(CheckoutEnds.All))
                    .IndexLastModified();
            })
            .IntegrateWithWolverine()
            .WithIntegrationEventRelay<IOrdersStore, OrdersIntegrationEvents>()
            .AsModuleStore(Schema)
            .ApplyAllDatabaseChangesOnStartup();
        services.AddSingleton<ISagaCensus>(sp => new SagaCensus<CheckoutState>(sp.GetRequiredService<IOrdersStore>(), "checkout", CheckoutEnds.All));
        services.AddValidatorsFromAssemblyContaining<IOrdersStore>(includeInternalTypes: true);
        services.AddScoped<IRawAppendMap, OrdersRawAppend>();
        services.AddSingleton<IOrderOwners, OrderOwners>();
        services.AddSingleton<ICustomerKeys, CustomerKeys>();
        services.AddSingleton<IRetentionTask, EndedOrderArchiving>();
        services.AddSingleton<IRetentionTask, EndedCheckoutPruning>();
        return services;
    }

    public static void UseOrdersModule(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(IOrdersStore).Assembly);
        options.Policies.Add(new ModuleStorePolicy(typeof(IOrdersStore).Assembly, typeof(IOrdersStore)));
    }

    // A product's listing and price change are published back to back and handled at once: the one
    // that loses the race on the catalog document decides again on what the winner wrote (Wolverine's
    // conflict retry; an older price then changes nothing) instead of going to the error queue.
    public static void AddOrdersConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProductListedConsumer>().Endpoint(e => e.Name = "orders.catalog");
        bus.AddConsumer<ProductPriceChangedConsumer>().Endpoint(e => e.Name = "orders.catalog");
        bus.AddSagaStateMachine<CheckoutStateMachine, CheckoutState, CheckoutSagaDefinition>().MartenRepository<CheckoutState, IOrdersStore>();
    }
}

