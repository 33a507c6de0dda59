using Commerce.BuildingBlocks.Sagas;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Sagas;

/// A store of the tests' own, like a module's ancillary store, in the run's database.
public interface ISagaTestStore : IDocumentStore;

/// The counter saga on MassTransit's in-memory test harness, its state in the run's PostgreSQL.
public static class SagaTestHost
{
    /// The host built and its schema in place, with direct access to the saga rows.
    public static async Task<(ServiceProvider Provider, SagaRows Rows)> Start(string connectionString)
    {
        var provider = Build(connectionString);
        var store = provider.GetRequiredService<ISagaTestStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return (provider, new SagaRows(store));
    }

    public static ServiceProvider Build(string connectionString, bool insertOnInitial = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Gate>();
        services.AddSingleton(new CounterOptions(insertOnInitial));
        services.AddMartenStore<ISagaTestStore>(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "saga_tests";
            options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsString;
            options.AddSagaDocument<CounterState>();
            options.AddSagaDocument<LedgerState>();
        });
        services.AddMassTransitTestHarness(TextWriter.Null, bus =>
        {
            bus.AddSagaStateMachine<CounterMachine, CounterState>().MartenRepository<CounterState, ISagaTestStore>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.ConcurrentMessageLimit = 8;
                // On the endpoint, not the saga: a retry must run the repository again, with a new session.
                endpoint.UseMessageRetry(r =>
                {
                    r.Handle<ConcurrencyException>();
                    r.Immediate(5);
                });
            });
        });
        return services.BuildServiceProvider();
    }
}

/// Direct access to the saga documents: a unit of work stands for one message.
public sealed class SagaRows(ISagaTestStore store)
{
    public ISagaTestStore Store => store;

    public SagaUnitOfWork<CounterState> Work() => new(store);

    public SagaUnitOfWork<LedgerState> LedgerWork() => new(store);

    public async Task<Guid> Inserted(int count = 0)
    {
        var id = Guid.NewGuid();
        await using var work = Work();
        work.Insert(new CounterState { CorrelationId = id, Count = count, CurrentState = "Counting" });
        await work.Commit(default);
        return id;
    }

    public async Task<CounterState?> Stored(Guid id)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<CounterState>(id);
    }
}
