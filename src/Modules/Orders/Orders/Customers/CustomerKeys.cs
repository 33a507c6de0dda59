using Commerce.BuildingBlocks.Privacy;
using Marten;
using Microsoft.Extensions.Options;

namespace Commerce.Orders.Customers;

/// A customer's data key as it is kept (orders.mt_doc_storedcustomerkey): wrapped by the master key,
/// never in an event. An erasure drops the wrapped key and says when and by whom; the customer's next
/// order makes a key of the next generation.
public sealed record StoredCustomerKey(string Id, int Generation, string? Wrapped, string WrappedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ErasedAt = null, string? ErasedBy = null);

/// Customers' keys, read from the database on every use: no host keeps one, so an erasure holds
/// everywhere as soon as it commits.
public sealed class CustomerKeys(IOrdersStore store, IOptions<MasterKey> master, TimeProvider clock) : ICustomerKeys
{
    public async Task<CustomerKey> ForSealing(string owner, IDocumentSession command, CancellationToken ct)
    {
        // Every command a customer sends is Orders': their keys live in Orders' store only.
        if (!KeptIn(command.DocumentStore))
            throw new InvalidOperationException("Personal data is sealed only by commands on Orders' store, where customers' keys are kept.");
        var stored = await command.LoadAsync<StoredCustomerKey>(owner, ct);
        if (stored is { Wrapped: { } wrapped }) return new(owner, stored.Generation, master.Value.Unwrap(owner, stored.Generation, wrapped, stored.WrappedBy));

        var generation = (stored?.Generation ?? 0) + 1;
        var key = Sealing.NewKey();
        var next = new StoredCustomerKey(owner, generation, master.Value.Wrap(owner, generation, key), master.Value.KeyId, clock.GetUtcNow());
        // Optimistic concurrency (OrdersModule): of two commands that make the key, one commits.
        if (stored is null) command.Insert(next);
        else command.Update(next);
        return new(owner, generation, key);
    }

    public bool KeptIn(IDocumentStore other) => ReferenceEquals(other, store);

    public async Task<IReadOnlyDictionary<string, CustomerKey>> ForOpening(IReadOnlyCollection<string> owners, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stored = await session.LoadManyAsync<StoredCustomerKey>(ct, owners);
        return stored.Where(k => k.Wrapped is not null)
            .ToDictionary(k => k.Id, k => new CustomerKey(k.Id, k.Generation, master.Value.Unwrap(k.Id, k.Generation, k.Wrapped!, k.WrappedBy)));
    }
}
