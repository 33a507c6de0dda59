using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace Commerce.BuildingBlocks.Sagas;

/// What MassTransit's saga pipe asks of the repository for one message. Save, Update and Delete only
/// record the outcome; the factory commits it once the pipe has returned.
public sealed class MartenSagaRepositoryContext<TSaga, TMessage>(
    SagaUnitOfWork<TSaga> work,
    ConsumeContext<TMessage> context,
    ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ConsumeContextScope<TMessage>(context), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        Create(instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance) =>
        await work.TryInsert(instance, CancellationToken)
            ? await Create(instance, SagaConsumeContextMode.Insert)
            : null!;   // MassTransit's signal that the instance exists: it loads it next

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId) =>
        await work.Load(correlationId, CancellationToken) is { } saga
            ? await Create(saga, SagaConsumeContextMode.Load)
            : null!;   // MassTransit's signal to apply the missing-instance policy

    public Task Save(SagaConsumeContext<TSaga> context) => Record(() => work.Insert(context.Saga));

    public Task Update(SagaConsumeContext<TSaga> context) => Record(() => work.Update(context.Saga));

    public Task Delete(SagaConsumeContext<TSaga> context) => Record(() => work.Delete(context.Saga));

    public Task Discard(SagaConsumeContext<TSaga> context) => Record(() => work.Forget(context.Saga));

    public Task Undo(SagaConsumeContext<TSaga> context) => Record(() => work.Forget(context.Saga));

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(work.Session, consumeContext, instance, mode);

    Task<SagaConsumeContext<TSaga, TMessage>> Create(TSaga instance, SagaConsumeContextMode mode) =>
        factory.CreateSagaConsumeContext<TMessage>(work.Session, this, instance, mode);

    static Task Record(Action record)
    {
        record();
        return Task.CompletedTask;
    }
}
