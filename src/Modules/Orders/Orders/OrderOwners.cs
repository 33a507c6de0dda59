using Commerce.BuildingBlocks.Http;
using Marten;

namespace Commerce.Orders;

/// The owner check's question, answered from the order summary: inline, so an order is found as soon
/// as create-order has answered, and one primary-key read.
public sealed class OrderOwners(IOrdersStore store) : IOrderOwners
{
    public async Task<string?> OwnerOf(string orderId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<OrderSummary>(orderId, ct))?.UserId;
    }
}
