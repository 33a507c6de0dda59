using Commerce.BuildingBlocks.Commands;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Commerce.Inventory;

/// Loading and appending for the checkout commands: the order's reservation stream and every product
/// stream it touches, fetched for writing in the handler's one session, so they commit together.
public static class CheckoutStreams
{
    public static Task<IEventStream<OrderReservation>> FetchReservation(IDocumentSession session, string orderId, CancellationToken ct) =>
        session.Events.FetchForWriting<OrderReservation>(OrderReservation.StreamKey(orderId), ct);

    public static async Task<IReadOnlyDictionary<string, IEventStream<Product>>> FetchProducts(IDocumentSession session,
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

    /// Release and commit act on what an order holds: its reservation and the products it reserved.
    public static async Task DecideOnHeldStock(IDocumentSession session, IMessageContext context, string orderId,
        Func<OrderReservation?, IReadOnlyDictionary<string, Product>, StockDecision> decide, CancellationToken ct)
    {
        var reservation = await FetchReservation(session, orderId, ct);
        var products = await FetchProducts(session, reservation.Aggregate?.Held.Select(l => l.ProductId) ?? [], ct);
        Append(session, context, reservation, products, decide(reservation.Aggregate, Existing(products)));
    }

    public static IReadOnlyDictionary<string, Product> Existing(IReadOnlyDictionary<string, IEventStream<Product>> streams) =>
        streams.Where(s => s.Value.Aggregate is not null).ToDictionary(s => s.Key, s => s.Value.Aggregate!, StringComparer.Ordinal);

    public static void Append(IDocumentSession session, IMessageContext context, IEventStream<OrderReservation> reservation,
        IReadOnlyDictionary<string, IEventStream<Product>> products, StockDecision decision)
    {
        if (decision.Reservation is null && decision.Products.Count == 0) return;
        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        foreach (var change in decision.Products.Where(p => p.Events.Count > 0).OrderBy(p => p.ProductId, StringComparer.Ordinal))
        {
            products[change.ProductId].AppendMany(change.Events);
        }
        if (decision.Reservation is { } e) reservation.AppendOne(e);
    }
}
