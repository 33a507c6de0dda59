using System.Linq.Expressions;
using Marten;
using MassTransit;
using DocumentAlreadyExistsException = JasperFx.DocumentAlreadyExistsException;
using EventStreamUnexpectedMaxEventIdException = JasperFx.Events.EventStreamUnexpectedMaxEventIdException;
using MartenConcurrencyException = JasperFx.ConcurrencyException;

namespace Commerce.BuildingBlocks.Sagas;

/// The saga instances one message touches, in one Marten session; nothing is written until Commit,
/// which the repository calls after the saga's behaviour ran. What a saga adds to its history stream
/// (ISagaHistory) commits with it.
public sealed class SagaUnitOfWork<TSaga>(IDocumentStore store) : IAsyncDisposable
    where TSaga : class, ISagaVersion
{
    enum Write { Insert, Update, Delete }

    readonly IDocumentSession session = store.LightweightSession();
    // The stored version each instance had when this unit of work read (or pre-inserted) it.
    readonly Dictionary<Guid, int> expected = [];
    readonly Dictionary<Guid, (TSaga Saga, Write Write)> writes = [];
    bool ended;

    public IDocumentSession Session => session;

    public async Task<TSaga?> Load(Guid correlationId, CancellationToken cancellationToken)
    {
        var saga = await session.LoadAsync<TSaga>(correlationId, cancellationToken);
        if (saga is not null) expected[correlationId] = saga.Version;
        return saga;
    }

    public async Task<IReadOnlyList<Guid>> Query(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken) =>
        await session.Query<TSaga>().Where(filter).Select(s => s.CorrelationId).ToListAsync(cancellationToken);

    // Committed at once, in a session of its own, so that the second of two messages creating the same
    // instance learns here that it exists (and loads it) instead of failing at the end.
    public async Task<bool> TryInsert(TSaga saga, CancellationToken cancellationToken)
    {
        await using var insert = store.LightweightSession();
        insert.Insert(saga);
        try
        {
            await insert.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }
        expected[saga.CorrelationId] = saga.Version;
        return true;
    }

    public void Insert(TSaga saga) => writes[saga.CorrelationId] = (saga, Write.Insert);

    public void Update(TSaga saga) =>
        writes[saga.CorrelationId] = (saga, expected.ContainsKey(saga.CorrelationId) ? Write.Update : Write.Insert);

    public void Delete(TSaga saga)
    {
        if (expected.ContainsKey(saga.CorrelationId)) writes[saga.CorrelationId] = (saga, Write.Delete);
        else writes.Remove(saga.CorrelationId);
    }

    public void Forget(TSaga saga) => writes.Remove(saga.CorrelationId);

    public async Task Commit(CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return;
        try
        {
            await session.BeginTransactionAsync(cancellationToken);
            await LockAndCheckVersions(cancellationToken);
            foreach (var (saga, write) in writes.Values)
            {
                if (write == Write.Insert) session.Insert(saga);
                else if (write == Write.Update) session.UpdateRevision(saga, expected[saga.CorrelationId] + 1);
                else session.Delete(saga);
                if (write != Write.Delete && saga is ISagaHistory { NewHistory.Count: > 0 } history)
                    await AppendHistory(history, cancellationToken);
            }
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // A failed commit ends the unit of work; rolling back now frees the rows it locked.
            await DisposeAsync();
            if (e is DocumentAlreadyExistsException exists) throw Conflict(IdOf(exists.Id), "was created by another message first", e);
            if (e is EventStreamUnexpectedMaxEventIdException stream) throw Conflict(writes.Keys.First(), $"could not write its history: stream {stream.Id} was written meanwhile", e);
            if (e is MartenConcurrencyException changed) throw Conflict(IdOf(changed.Id), "was changed by another message", e);
            throw;
        }
        foreach (var (saga, write) in writes.Values)
        {
            if (write == Write.Delete) expected.Remove(saga.CorrelationId);
            else expected[saga.CorrelationId] = saga.Version;
            (saga as ISagaHistory)?.NewHistory.Clear();
        }
        writes.Clear();
    }

    // In the order the saga recorded them, all in one append checked against the stream's stored version.
    // A decision decides on the stored aggregate, without the events recorded before it in this commit:
    // a message records at most one decision per stream.
    async Task AppendHistory(ISagaHistory history, CancellationToken cancellationToken)
    {
        foreach (var item in history.NewHistory)
        {
            if (item is IStreamDecision decision) await decision.AppendTo(session, history.HistoryStream, cancellationToken);
            else session.Events.Append(history.HistoryStream, item);
        }
    }

    // Marten checks a numeric revision only on update and as an upsert: alone, it would bring back an
    // instance another message has just deleted, and it does not check deletes at all. Locking the rows
    // until the commit makes the comparison and the writes one step for every kind of write.
    async Task LockAndCheckVersions(CancellationToken cancellationToken)
    {
        var table = ((IReadOnlyStoreOptions)store.Options).Schema.For<TSaga>(true);
        // In id order, so that two messages touching the same instances cannot deadlock.
        foreach (var id in writes.Where(w => w.Value.Write != Write.Insert).Select(w => w.Key).Order())
        {
            var stored = await session.AdvancedSql.QueryAsync<int>(
                $"select mt_version from {table} where id = ? for update", cancellationToken, id);
            if (stored.Count == 0)
                throw Conflict(id, $"was deleted by another message after this one read version {expected[id]}", null);
            if (stored[0] != expected[id])
                throw Conflict(id, $"is at version {stored[0]}, this message read version {expected[id]}", null);
        }
    }

    Guid IdOf(object? id) => id is Guid guid ? guid : writes.Keys.First();

    static ConcurrencyException Conflict(Guid id, string what, Exception? inner)
    {
        var message = $"Saga {typeof(TSaga).Name} {id} {what}.";
        return inner is null ? new(message, typeof(TSaga), id) : new(message, typeof(TSaga), id, inner);
    }

    public async ValueTask DisposeAsync()
    {
        if (ended) return;
        ended = true;
        await session.DisposeAsync();
    }
}
