namespace Commerce.BuildingBlocks.Sagas;

/// A saga that writes what it decided onto an event stream of its own store (the order's history, say)
/// in the same transaction as its new state: one writer, one commit, nothing to reconcile later.
/// Events are taken at commit; after a failed commit the message is retried on a freshly loaded
/// instance, which decides (and records) again.
public interface ISagaHistory
{
    /// The stream the events go to.
    string HistoryStream { get; }

    /// What handling the current message added, events and StreamDecisions, in order; the repository
    /// appends them and clears the list.
    List<object> NewHistory { get; }
}
