using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Messaging;
using Marten;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Commerce.BuildingBlocks.Sagas;

/// MassTransit's saga repository over a module's Marten store: one session per message, committed
/// after the saga's behaviour ran, so a failed behaviour writes nothing and a retry starts afresh.
public sealed class MartenSagaRepositoryContextFactory<TSaga, TStore>(TStore store, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
    where TStore : IDocumentStore
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        await using var work = new SagaUnitOfWork<TSaga>(store);
        Stamp(work.Session, context);
        await next.Send(new MartenSagaRepositoryContext<TSaga, T>(work, context, factory));
        await work.Commit(context.CancellationToken);
    }

    // Events a saga appends carry the checkout's correlation id and user, as a command handler's do.
    static void Stamp(IDocumentSession session, ConsumeContext context)
    {
        session.CorrelationId = context.Headers.Get<string>(CommerceHeaders.CorrelationId);
        session.CausationId = context.MessageId?.ToString();
        EventMetadata.Stamp(session, context.Headers.Get<string>(CommerceHeaders.UserId) ?? "system");
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var work = new SagaUnitOfWork<TSaga>(store);
        Stamp(work.Session, context);
        var ids = await work.Query(query.FilterExpression, context.CancellationToken);
        var repository = new MartenSagaRepositoryContext<TSaga, T>(work, context, factory);
        await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repository, [.. ids]));
        await work.Commit(context.CancellationToken);
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        Read(asyncMethod, cancellationToken);

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        Read(asyncMethod, cancellationToken);

    async Task<T> Read<T>(Func<ReadContext, Task<T>> asyncMethod, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new ReadContext(session, cancellationToken));
    }

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "marten");
        context.Add("store", typeof(TStore).Name);
    }

    /// Reads outside a message (ILoadSagaRepository, IQuerySagaRepository, test harnesses).
    sealed class ReadContext(IQuerySession session, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    {
        public async Task<TSaga> Load(Guid correlationId) =>
            (await session.LoadAsync<TSaga>(correlationId, CancellationToken))!;

        public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
        {
            var ids = await session.Query<TSaga>().Where(query.FilterExpression).Select(s => s.CorrelationId).ToListAsync(cancellationToken);
            return new DefaultSagaRepositoryQueryContext<TSaga>(this, [.. ids]);
        }
    }
}
