using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Orders.Checkout;
using Commerce.Payments;
using Marten;

namespace Commerce.Verification;

/// What the three modules hold, read from their event streams (the write side's truth; read models
/// may lag), plus the checkout documents and the one inline read model worth comparing.
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
        // Orders' store also keeps each forgotten customer's stream: only the streams an order starts.
        var orderStreams = await EventStreams.Fold<Order>(orders,
            EventStreams.StartingWith(await EventStreams.Read(orders, orderIds, ct), e => e is OrderPlaced), ct);
        var paymentStreams = await EventStreams.Fold<Payment>(payments, await EventStreams.Read(payments, orderIds, ct), ct);

        // A product's reserved stock is checked against every reservation that holds it, and each of
        // those left an event on the product: so in a scoped run the reservations its events name are
        // read as well.
        IReadOnlyCollection<string>? firstKeys = null;
        if (!scope.IsEverything)
        {
            var skus = (scope.Skus ?? []).Concat(orderStreams.Values.SelectMany(o => o.State.Lines.Select(l => l.ProductId)));
            firstKeys = [.. skus.Concat(orderIds!.Select(OrderReservation.StreamKey)).Distinct(StringComparer.Ordinal)];
        }
        var inventoryEvents = await EventStreams.Read(inventory, firstKeys, ct);
        var products = await EventStreams.Fold<Product>(inventory, EventStreams.StartingWith(inventoryEvents, e => e is ProductListed), ct);
        if (firstKeys is not null)
        {
            var named = products.Values.SelectMany(p => p.Events.Select(e => OrderOf(e.Data))).OfType<string>()
                .Select(OrderReservation.StreamKey).Where(key => !inventoryEvents.ContainsKey(key)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (key, events) in await EventStreams.Read(inventory, named, ct)) inventoryEvents[key] = events;
        }
        var reservations = await EventStreams.Fold<OrderReservation>(inventory, EventStreams.StartingWith(inventoryEvents, e => e is not ProductListed), ct);

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
}
