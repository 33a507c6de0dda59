using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Npgsql;

namespace Commerce.IntegrationTests.Faults;

/// Many customers at once for fewer units than they order, over HTTP and the real queues: the stock
/// is never oversold or negative, every order ends, and no money is kept for an order not confirmed.
[Collection(AppHost.Name)]
public sealed class ContentionTests(AppFixture app)
{
    const int Units = 7;
    const int Orders = 40;

    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly EventLog events = new(app);
    readonly CheckoutLedger ledger = new(app);

    sealed record Placed(string OrderId, int Quantity, string Token);

    // Every unit goes to an order that can take it: an order is refused stock only when too little is
    // left (checked against the product's history), and a unit stays unsold only when a checkout that
    // held it gave it back (a failed payment) after the others had been refused. With every card
    // charging, that is exactly the seven units.
    [Theory]
    [InlineData("cards that charge")]
    [InlineData("mixed cards")]
    public async Task forty_orders_for_seven_units_sell_what_no_failed_checkout_gave_back_never_oversell_and_keep_no_money_of_a_cancelled_order(
        string cards)
    {
        var sku = await catalog.Listed(price: 3m, stock: Units);
        using var stock = new StockWatch(shop, sku).Start();
        // A gateway that answers after the checkout gave up (its charge is refunded) and one that never
        // answers go first, so they hold stock when the burst comes.
        var early = new List<Placed>();
        if (cards == "mixed cards")
            foreach (var token in (string[])["tok_slow", "tok_timeout"]) early.Add(new(await shop.Order(sku, 1, token), 1, token));

        var burst = await PlaceAtOnce(sku, Enumerable.Range(0, Orders - early.Count).Select(i => (Quantity(i), cards == "mixed cards" ? Token(i) : "tok_visa")));

        var orders = early.Concat(burst).ToList();
        var ended = await Ends(orders);
        Assert.All(ended.Confirmed, o => Assert.Equal("tok_visa", o.Token));
        var givenBack = 0;
        foreach (var order in orders)
        {
            if ((await events.Types("inventory", $"reservation-{order.OrderId}")).Contains("order_stock_released")) givenBack += order.Quantity;
        }
        Assert.True(ended.Sold <= Units && Units - ended.Sold <= givenBack, $"{givenBack} units were given back. {ended.Why}");
        // With every card charging, no checkout gives stock back: all seven units are sold.
        if (cards == "cards that charge") Assert.True(ended.Sold == Units, $"{ended.Sold} of {Units} units sold. {ended.Why}");
        await AssertInvariants(sku, orders, ended, await stock.Lowest());
    }

    static int Quantity(int i) => i % 3 == 0 ? 2 : 1;

    static string Token(int i) => (i % 8) switch
    {
        1 => "tok_chargeDeclined",
        3 => "tok_insufficientFunds",
        _ => "tok_visa",
    };

    async Task<List<Placed>> PlaceAtOnce(string sku, IEnumerable<(int Quantity, string Token)> wanted) =>
        [.. await Task.WhenAll(wanted.Select(async w => new Placed(await shop.Order(sku, w.Quantity, w.Token), w.Quantity, w.Token)))];

    // Reads the products query over and over while the checkouts run, keeping the lowest availability.
    sealed class StockWatch(Shop shop, string sku) : IDisposable
    {
        readonly CancellationTokenSource stop = new();
        Task<long>? watching;

        public StockWatch Start()
        {
            watching = Watch();
            return this;
        }

        public async Task<long> Lowest()
        {
            await stop.CancelAsync();
            return await watching!;
        }

        async Task<long> Watch()
        {
            var lowest = long.MaxValue;
            while (!stop.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, (await shop.Product(sku)).Number("available"));
                await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(50), stop.Token));   // ends at once, without throwing, when stopped
            }
            return lowest;
        }

        public void Dispose() => stop.Dispose();
    }

    sealed record Ended(List<Placed> Confirmed, string Why)
    {
        public int Sold => Confirmed.Sum(o => o.Quantity);
    }

    // Waits until every checkout is confirmed or cancelled; returns the confirmed orders and, to explain
    // a failure, how many were cancelled for each reason.
    async Task<Ended> Ends(IReadOnlyList<Placed> orders)
    {
        var confirmed = new List<Placed>();
        var reasons = new List<string>();
        foreach (var order in orders)
        {
            var end = await Poll.Until(() => api.Get($"/api/v1/query/checkouts/{order.OrderId}"),
                r => r.Status == HttpStatusCode.OK && r.Body.Str("state") is "confirmed" or "cancelled", TimeSpan.FromSeconds(45),
                $"checkout of {order.OrderId} ({order.Token}) to end");
            if (end.Body.Str("state") == "confirmed") confirmed.Add(order);
            else reasons.Add($"{order.Token}: {end.Body.GetProperty("failure_reason").GetString()}");
        }
        var why = string.Join("; ", reasons.GroupBy(r => r[..Math.Min(r.Length, 60)]).Select(g => $"{g.Count()} × {g.Key}"));
        return new Ended(confirmed, $"{confirmed.Count} orders confirmed for {confirmed.Sum(o => o.Quantity)} units; cancelled: {why}");
    }

    async Task AssertInvariants(string sku, IReadOnlyList<Placed> orders, Ended ended, long lowestSeen)
    {
        var product = await shop.ProductSettles(sku, p => p.Number("reserved") == 0 && p.Number("sold") == ended.Sold, "every reservation settled");
        AssertStockHistory(await ProductHistory(sku));
        Assert.True(lowestSeen >= 0, $"The products query showed {lowestSeen} available.");
        Assert.Equal(Units - ended.Sold, product.Number("on_hand"));

        // Each order ended once; a confirmed one was charged once, a cancelled one kept nothing (a late
        // charge is refunded); a confirmed one sold its reservation, and one refused stock was never charged.
        var confirmedIds = ended.Confirmed.Select(o => o.OrderId).ToHashSet();
        foreach (var order in orders)
        {
            await ledger.EndedOnce(order.OrderId, confirmedIds.Contains(order.OrderId) ? "confirmed" : "cancelled");
            var reservation = await events.Types("inventory", $"reservation-{order.OrderId}");
            if (confirmedIds.Contains(order.OrderId)) Assert.Equal(["order_stock_reserved", "order_stock_committed"], reservation);
            else if (reservation is ["order_stock_reservation_failed"]) Assert.Empty(await events.Types("payments", order.OrderId));
        }
        await Invariants.AssertHold(app, orders.Select(o => o.OrderId), [sku]);
    }

    // Replays the product's stock events: at no point more reserved than on hand, nothing below zero,
    // no order reserved twice, and none refused while enough was available.
    static void AssertStockHistory(IReadOnlyList<(string Type, JsonElement Data)> history)
    {
        var (onHand, reserved) = (0L, 0L);
        var reservedBy = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, data) in history)
        {
            switch (type)
            {
                case "stock_received": onHand += data.Number("Quantity"); break;
                case "stock_reserved":
                    Assert.True(reservedBy.Add(data.Str("OrderId")), $"{data.Str("OrderId")} reserved twice");
                    reserved += data.Number("Quantity");
                    break;
                case "stock_reservation_failed":
                    Assert.True(data.Number("Available") == onHand - reserved && data.Number("Requested") > onHand - reserved,
                        $"{data.Str("OrderId")} was refused {data.Number("Requested")} with {onHand - reserved} available");
                    break;
                case "stock_reservation_released": reserved -= data.Number("Quantity"); break;
                case "stock_reservation_committed": (onHand, reserved) = (onHand - data.Number("Quantity"), reserved - data.Number("Quantity")); break;
            }
            Assert.True(onHand >= 0 && reserved >= 0 && reserved <= onHand,
                $"after {type} {data}: on hand {onHand}, reserved {reserved}; the product's events: {string.Join(Environment.NewLine, history.Select(h => $"{h.Type} {h.Data}"))}");
        }
    }

    async Task<IReadOnlyList<(string Type, JsonElement Data)>> ProductHistory(string sku)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type, data::text FROM inventory.mt_events WHERE stream_id = @id ORDER BY version", connection);
        command.Parameters.AddWithValue("id", sku);
        var history = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) history.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        return history;
    }
}
