using Commerce.BuildingBlocks.Http;
using Marten;
using Microsoft.Extensions.Caching.Memory;

namespace Commerce.Orders;

/// The owner check's question, answered from the order summary: inline, so an order is found as soon
/// as create-order has answered, and one primary-key read. An order's owner never changes, so once
/// known it is kept (up to a bound; each host its own, nothing to invalidate): a customer's reads of
/// their orders pay the read once per order, not per request. An order not found is not kept: it may
/// be placed a moment later.
public sealed class OrderOwners(IOrdersStore store) : IOrderOwners, IDisposable
{
    const int Kept = 100_000;

    readonly MemoryCache known = new(new MemoryCacheOptions { SizeLimit = Kept });

    public async Task<string?> OwnerOf(string orderId, CancellationToken ct)
    {
        if (known.TryGetValue(orderId, out string? owner)) return owner;
        await using var session = store.QuerySession();
        owner = (await session.LoadAsync<OrderSummary>(orderId, ct))?.UserId;
        if (owner is not null) known.Set(orderId, owner, new MemoryCacheEntryOptions { Size = 1 });
        return owner;
    }

    public void Dispose() => known.Dispose();
}
