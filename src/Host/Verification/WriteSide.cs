using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Orders.Checkout;
using Commerce.Payments;
using JasperFx.Events;
using Marten;

namespace Commerce.Host.Verification;

/// A stream folded into its aggregate, with its events (for their counts and times).
public sealed record Folded<T>(string Key, T State, IReadOnlyList<IEvent> Events)
{
    public DateTimeOffset LastAt => Events[^1].Timestamp;
}

/// What the three modules hold, read from their event streams (the write side's truth; read models
/// may lag) plus the checkout documents and the one inline read model worth comparing. Every stream is
/// folded by Marten's own live aggregation, as the handlers' FetchForWriting folds it.
public sealed class WriteSide
{
    public required IReadOnlyDictionary<string, Folded<Product>> Products { get; init; }

    /// By order id.
    public required IReadOnlyDictionary<string, Folded<OrderReservation>> Reservations { get; init; }

    public required IReadOnlyDictionary<string, Folded<Order>> Orders { get; init; }

    /// By order id (a payment's stream id is its order's).
    public required IReadOnlyDictionary<string, Folded<Payment>> Payments { get; init; }

    /// By order id.
    public required IReadOnlyDictionary<string, CheckoutState> Checkouts { get; init; }

    public required IReadOnlyDictionary<string, ProductStock> ProductViews { get; init; }

    public static async Task<WriteSide> Read(IOrdersStore orders, IInventoryStore inventory, IPaymentsStore payments,
        VerificationScope scope, CancellationToken ct)
    {
        var orderIds = scope.IsEverything ? null : scope.OrderIds ?? [];
        var orderStreams = await Fold<Order>(orders, await Events(orders, orderIds, ct), ct);
        var paymentStreams = await Fold<Payment>(payments, await Events(payments, orderIds, ct), ct);

        // A product's reserved stock is checked against every reservation that holds it, and each of
        // those left an event on the product: so in a scoped run the reservations its events name are
        // read as well.
        IReadOnlyCollection<string>? firstKeys = null;
        if (!scope.IsEverything)
        {
            var skus = (scope.Skus ?? []).Concat(orderStreams.Values.SelectMany(o => o.State.Lines.Select(l => l.ProductId)));
            firstKeys = [.. skus.Concat(orderIds!.Select(OrderReservation.StreamKey)).Distinct(StringComparer.Ordinal)];
        }
        var inventoryEvents = await Events(inventory, firstKeys, ct);
        var products = await Fold<Product>(inventory, Where(inventoryEvents, e => e is ProductListed), ct);
        if (firstKeys is not null)
        {
            var named = products.Values.SelectMany(p => p.Events.Select(e => OrderOf(e.Data))).OfType<string>()
                .Select(OrderReservation.StreamKey).Where(key => !inventoryEvents.ContainsKey(key)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (key, events) in await Events(inventory, named, ct)) inventoryEvents[key] = events;
        }
        var reservations = await Fold<OrderReservation>(inventory, Where(inventoryEvents, e => e is not ProductListed), ct);

        await using var ordersSession = orders.QuerySession();
        var checkouts = orderIds is null
            ? await ordersSession.Query<CheckoutState>().ToListAsync(ct)
            : await ordersSession.LoadManyAsync<CheckoutState>(ct, orderIds.Select(CheckoutKey.For).ToArray());
        await using var inventorySession = inventory.QuerySession();
        var views = firstKeys is null
            ? await inventorySession.Query<ProductStock>().ToListAsync(ct)
            : await inventorySession.LoadManyAsync<ProductStock>(ct, products.Keys.ToArray());

        return new WriteSide
        {
            Products = products,
            Reservations = reservations.Values.ToDictionary(r => r.State.OrderId, StringComparer.Ordinal),
            Orders = orderStreams,
            Payments = paymentStreams,
            Checkouts = checkouts.GroupBy(c => c.OrderId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            ProductViews = views.ToDictionary(v => v.Id, StringComparer.Ordinal),
        };
    }

    static string? OrderOf(object e) => e switch
    {
        StockReserved x => x.OrderId,
        StockReservationReleased x => x.OrderId,
        StockReservationCommitted x => x.OrderId,
        _ => null,
    };

    // One query per store (all its events, or those of the named streams), grouped by stream.
    static async Task<Dictionary<string, IReadOnlyList<IEvent>>> Events(IDocumentStore store, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        if (keys is { Count: 0 }) return new(StringComparer.Ordinal);
        await using var session = store.QuerySession();
        IQueryable<IEvent> query = session.Events.QueryAllRawEvents();
        if (keys is not null)
        {
            var wanted = keys.ToArray();
            query = query.Where(e => e.StreamKey!.IsOneOf(wanted));
        }
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.GroupBy(e => e.StreamKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)[.. g.OrderBy(e => e.Version)], StringComparer.Ordinal);
    }

    static Dictionary<string, IReadOnlyList<IEvent>> Where(Dictionary<string, IReadOnlyList<IEvent>> streams, Func<object, bool> startsWith) =>
        streams.Where(s => startsWith(s.Value[0].Data)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    static async Task<Dictionary<string, Folded<T>>> Fold<T>(IDocumentStore store, Dictionary<string, IReadOnlyList<IEvent>> streams,
        CancellationToken ct) where T : class
    {
        // The store's options are its StoreOptions; the read-only view does not expose the aggregators.
        var aggregator = ((StoreOptions)store.Options).Projections.AggregatorFor<T>();
        await using var session = store.QuerySession();
        var folded = new Dictionary<string, Folded<T>>(StringComparer.Ordinal);
        foreach (var (key, events) in streams)
        {
            if (await aggregator.BuildAsync(events, session, null, ct) is { } state) folded[key] = new Folded<T>(key, state, events);
        }
        return folded;
    }
}
