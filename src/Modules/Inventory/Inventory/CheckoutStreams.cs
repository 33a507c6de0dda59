using JasperFx.Events;
using Marten;

namespace Commerce.Inventory;

/// What a checkout command decides on: the order's reservation and the products it touches.
public sealed record CheckoutStock(OrderReservation? Reservation, IReadOnlyDictionary<string, Product> Products);

/// The streams a checkout command writes: the order's reservation and every product it touches, fetched
/// for writing in the handler's one session, so they commit together. Inventory's one exception to
/// Wolverine's aggregate workflow (ADR 0008): the set of product streams depends on the order.
public sealed class CheckoutStreams(IEventStream<OrderReservation> reservation, IReadOnlyDictionary<string, IEventStream<Product>> products)
{
    public CheckoutStock State { get; } = new(reservation.Aggregate,
        products.Where(s => s.Value.Aggregate is not null).ToDictionary(s => s.Key, s => s.Value.Aggregate!, StringComparer.Ordinal));

    /// A reserve takes the products' locks first: once they are held, a repeat of this order that got them
    /// earlier has committed, so the reservation read next shows it.
    public static async Task<CheckoutStreams> ToReserve(IDocumentSession session, string orderId, IEnumerable<string> productIds, CancellationToken ct)
    {
        var products = await FetchProducts(session, productIds, ct);
        return new(await FetchReservation(session, orderId, ct), products);
    }

    /// Release and commit act on what an order holds: its reservation and the products it reserved.
    public static async Task<CheckoutStreams> HeldBy(IDocumentSession session, string orderId, CancellationToken ct)
    {
        var reservation = await FetchReservation(session, orderId, ct);
        return new(reservation, await FetchProducts(session, reservation.Aggregate?.Held.Select(l => l.ProductId) ?? [], ct));
    }

    public void Append(StockDecision decision)
    {
        foreach (var change in decision.Products.Where(p => p.Events.Count > 0).OrderBy(p => p.ProductId, StringComparer.Ordinal))
        {
            products[change.ProductId].AppendMany(change.Events);
        }
        if (decision.Reservation is { } e) reservation.AppendOne(e);
    }

    static Task<IEventStream<OrderReservation>> FetchReservation(IDocumentSession session, string orderId, CancellationToken ct) =>
        session.Events.FetchForWriting<OrderReservation>(OrderReservation.StreamKey(orderId), ct);

    static async Task<IReadOnlyDictionary<string, IEventStream<Product>>> FetchProducts(IDocumentSession session,
        IEnumerable<string> productIds, CancellationToken ct)
    {
        // Checkouts queue up on a product's row lock instead of racing on its version: a lost race rolls
        // back an append, and the gap it leaves in the event sequence holds up the store's relay for
        // seconds. Locks are taken in one order (by id), so two orders sharing products cannot deadlock.
        // The races that remain (a release and a reserve both starting one order's reservation stream,
        // two commits of one order) fail the commit and are retried on fresh state.
        var streams = new Dictionary<string, IEventStream<Product>>(StringComparer.Ordinal);
        foreach (var id in productIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            streams[id] = await session.Events.FetchForExclusiveWriting<Product>(id, ct);
        }
        return streams;
    }
}
