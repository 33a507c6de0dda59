using Marten;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace Commerce.BuildingBlocks.Sagas;

public static class MartenSagaRegistration
{
    /// `bus.AddSagaStateMachine<TMachine, TState>().MartenRepository<TState, IOrdersStore>()`; the
    /// store maps the state with `options.AddSagaDocument<TState>()`.
    public static ISagaRegistrationConfigurator<T> MartenRepository<T, TStore>(this ISagaRegistrationConfigurator<T> configurator)
        where T : class, ISagaVersion
        where TStore : class, IDocumentStore
    {
        configurator.Repository(r =>
        {
            r.RegisterSagaRepository<T, IDocumentSession, SagaConsumeContextFactory<IDocumentSession, T>, MartenSagaRepositoryContextFactory<T, TStore>>();
            r.RegisterLoadSagaRepository<T, MartenSagaRepositoryContextFactory<T, TStore>>();
            r.RegisterQuerySagaRepository<T, MartenSagaRepositoryContextFactory<T, TStore>>();
        });
        return configurator;
    }

    /// One document per instance, keyed by CorrelationId. Marten's numeric revision column is the
    /// saga's Version: Marten fills Version from it on load, and the repository checks it on write.
    public static MartenRegistry.DocumentMappingExpression<T> AddSagaDocument<T>(this StoreOptions options)
        where T : class, ISagaVersion =>
        options.Schema.For<T>()
            .Identity(s => s.CorrelationId)
            .UseNumericRevisions(true)
            .Metadata(m => m.Revision.MapTo(s => s.Version));
}
