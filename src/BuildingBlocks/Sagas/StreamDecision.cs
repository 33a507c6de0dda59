using Marten;

namespace Commerce.BuildingBlocks.Sagas;

/// A saga's decision about an aggregate on its history stream that other writers may change meanwhile
/// (a customer cancelling the order the saga confirms, say). It goes into NewHistory like an event;
/// at commit the repository reads the aggregate inside the saga's transaction, appends what Decide
/// returns, and checks the stream's version, so a concurrent write fails the commit and the message is
/// retried on fresh state. Being a record, a test of the saga alone can assert it like a sent command.
public abstract record StreamDecision<TAggregate> : IStreamDecision where TAggregate : class
{
    /// The events to append, given the aggregate as it is now (null when the stream does not exist).
    public abstract IEnumerable<object> Decide(TAggregate? current);

    async Task IStreamDecision.AppendTo(IDocumentSession session, string stream, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchForWriting<TAggregate>(stream, cancellationToken);
        events.AppendMany(Decide(events.Aggregate));
    }
}

public interface IStreamDecision
{
    Task AppendTo(IDocumentSession session, string stream, CancellationToken cancellationToken);
}
