using Marten;

namespace Commerce.BuildingBlocks.Privacy;

/// One customer's data key, unwrapped. Generation counts the keys the customer has had: an erasure
/// destroys one, and the customer's next order makes the next.
public sealed record CustomerKey(string Owner, int Generation, byte[] Key);

/// Where customers' keys are kept (Orders' table of them, wrapped by the master key). Nothing keeps a
/// key anywhere else, in memory across requests included: an erasure on one host holds on every host
/// at once.
public interface ICustomerKeys
{
    /// The customer's live key, made on first use or after an erasure in the command's own session, so
    /// it is written with the command's events or not at all. Of two first commands of a customer, the
    /// second's commit is a conflict, and it runs again with the first's key.
    Task<CustomerKey> ForSealing(string owner, IDocumentSession command, CancellationToken ct);

    /// Whether keys are kept in this store: only commands on it seal personal data.
    bool KeptIn(IDocumentStore other);

    /// The live keys of these customers; an erased customer's is not among them.
    Task<IReadOnlyDictionary<string, CustomerKey>> ForOpening(IReadOnlyCollection<string> owners, CancellationToken ct);
}
