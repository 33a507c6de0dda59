using System.Globalization;
using Commerce.BuildingBlocks.Errors;
using Commerce.Testing;
using FluentValidation;

namespace Commerce.Inventory.Tests.Properties;

/// Products and order reservations driven only by the pure decisions, the way the handlers drive
/// them: each step is validated, decided on the current state (a reserve sees the products on its
/// lines, a release or commit the products its reservation holds) and the decided events are applied
/// at once. A refused step (validation, 404, 409) writes nothing. The events each stream received are
/// kept as the database would return them, to be replayed by Marten.
public sealed class StockWorld(MartenReplay replay, Func<Product, object, Product>? apply = null) : IStepWorld<StockStep>
{
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    readonly Func<Product, object, Product> apply = apply ?? Given.Apply;
    readonly Dictionary<string, Product> products = new(StringComparer.Ordinal);
    readonly Dictionary<string, OrderReservation> reservations = new(StringComparer.Ordinal);   // by stream key
    readonly Dictionary<string, List<object>> streams = new(StringComparer.Ordinal);
    int done;

    /// Runs one step, then fails with the step and every broken rule if any invariant does not hold.
    public async Task Run(StockStep stepToRun)
    {
        var now = Start.AddMinutes(++done);
        var decided = DecideOrRefuse(stepToRun, now);
        foreach (var (stream, e) in decided) Append(stream, e);

        var broken = Invariants().ToList();
        if (stepToRun is Reserve or Release or Commit && DecideOrRefuse(stepToRun, now).Count > 0)
            broken.Add("the same message delivered again decided more events");
        foreach (var stream in decided.Select(d => d.Stream).Distinct())
        {
            if (await ReplayDiffers(stream) is { } difference) broken.Add(difference);
        }
        if (broken.Count > 0) Assert.Fail($"After step {done} ({stepToRun}): {string.Join("; ", broken)}");
    }

    List<(string Stream, object Event)> DecideOrRefuse(StockStep step, DateTimeOffset now)
    {
        try
        {
            return Decide(step, now);
        }
        catch (Exception e) when (e is DomainException or NotFoundException or ValidationException)
        {
            return [];
        }
    }

    List<(string Stream, object Event)> Decide(StockStep step, DateTimeOffset now) => step switch
    {
        ListProduct s => [(s.Sku, AddProduct.Decide(
            Valid(new AddProduct("cmd", s.Sku, $"Mug {s.Sku}", 9.50m, "EUR"), new AddProduct.Validator()), products.ContainsKey(s.Sku), now))],
        Receive s => [(s.Sku, ReceiveStock.Decide(
            products.GetValueOrDefault(s.Sku), Valid(new ReceiveStock("cmd", s.Sku, s.Quantity), new ReceiveStock.Validator()), now))],
        Reprice s => [(s.Sku, ChangePrice.Decide(
            products.GetValueOrDefault(s.Sku), Valid(new ChangePrice("cmd", s.Sku, s.Price), new ChangePrice.Validator()), now))],
        Reserve s => Split(s.OrderId, ReserveStockForOrder.Decide(Reservation(s.OrderId),
            Existing(s.Lines.Select(l => l.ProductId)), Valid(new ReserveStockForOrder(s.OrderId, s.Lines), new ReserveStockForOrder.Validator()), now)),
        Release s => Split(s.OrderId, ReleaseStockForOrder.Decide(Reservation(s.OrderId), Held(s.OrderId),
            Valid(new ReleaseStockForOrder(s.OrderId, "cancelled"), new ReleaseStockForOrder.Validator()), now)),
        Commit s => Split(s.OrderId, CommitStockForOrder.Decide(Reservation(s.OrderId), Held(s.OrderId),
            Valid(new CommitStockForOrder(s.OrderId), new CommitStockForOrder.Validator()), now)),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    OrderReservation? Reservation(string orderId) => reservations.GetValueOrDefault(OrderReservation.StreamKey(orderId));

    static T Valid<T>(T command, IValidator<T> validator)
    {
        validator.ValidateAndThrow(command);
        return command;
    }

    Dictionary<string, Product> Existing(IEnumerable<string> skus) =>
        skus.Distinct().Where(products.ContainsKey).ToDictionary(sku => sku, sku => products[sku], StringComparer.Ordinal);

    Dictionary<string, Product> Held(string orderId) =>
        Existing(Reservation(orderId)?.Held.Select(l => l.ProductId) ?? []);

    static List<(string, object)> Split(string orderId, StockDecision decision) =>
    [
        .. decision.Products.SelectMany(p => p.Events.Select(e => (p.ProductId, e))),
        .. decision.Reservation is { } r ? [(OrderReservation.StreamKey(orderId), r)] : Array.Empty<(string, object)>(),
    ];

    void Append(string stream, object e)
    {
        if (!streams.TryGetValue(stream, out var history)) streams[stream] = history = [];
        history.Add(replay.Stored(e));
        switch (e)
        {
            case ProductListed listed:
                products[stream] = Product.Create(listed);
                break;
            case OrderStockReserved or OrderStockReservationFailed or OrderStockReleased or OrderStockCommitted:
                reservations[stream] = Evolve(reservations.GetValueOrDefault(stream), e);
                break;
            default:
                products[stream] = apply(products[stream], e);
                break;
        }
    }

    static OrderReservation Evolve(OrderReservation? current, object e) => (current, e) switch
    {
        (null, OrderStockReserved x) => OrderReservation.Create(x),
        (null, OrderStockReservationFailed x) => OrderReservation.Create(x),
        (null, OrderStockReleased x) => OrderReservation.Create(x),
        ({ } r, OrderStockReleased x) => r.Apply(x),
        ({ } r, OrderStockCommitted x) => r.Apply(x),
        _ => throw new ArgumentException($"{e.GetType().Name} does not apply to reservation {current?.Id}.", nameof(e)),
    };

    // Each figure is also counted straight from the events and from the reservations, never only
    // taken from the aggregate that the decisions read.
    IEnumerable<string> Invariants()
    {
        foreach (var (sku, p) in products)
        {
            var history = streams[sku];
            var received = history.OfType<StockReceived>().Sum(e => e.Quantity);
            var sold = history.OfType<StockReservationCommitted>().Sum(e => e.Quantity);
            var open = Lines(sku, OrderReservationStatus.Reserved);
            var committed = Lines(sku, OrderReservationStatus.Committed);
            if (p.OnHand < 0) yield return $"{sku}: on hand {p.OnHand} is negative";
            if (p.Reserved < 0) yield return $"{sku}: reserved {p.Reserved} is negative";
            if (p.Available < 0) yield return $"{sku}: available {p.Available} (on hand {p.OnHand} - reserved {p.Reserved}) is negative";
            if (p.OnHand != received - sold) yield return $"{sku}: on hand {p.OnHand}, but received {received} - sold {sold} = {received - sold}";
            if (p.Sold != sold) yield return $"{sku}: sold {p.Sold}, but its events commit {sold}";
            if (p.Sold != committed.Values.Sum()) yield return $"{sku}: sold {p.Sold}, but committed reservations hold {committed.Values.Sum()}";
            if (p.Reserved != open.Values.Sum()) yield return $"{sku}: reserved {p.Reserved}, but open reservations hold {open.Values.Sum()}";
            if (Text(p.OpenReservations) != Text(open)) yield return $"{sku}: open orders {Text(p.OpenReservations)}, reservations say {Text(open)}";
        }
        if (streams.ContainsKey(StockSteps.Ghost)) yield return $"'{StockSteps.Ghost}' was never listed but has events";
    }

    Dictionary<string, int> Lines(string sku, OrderReservationStatus status) => reservations.Values
        .Where(r => r.Status == status)
        .SelectMany(r => r.Lines.Where(l => l.ProductId == sku).Select(l => (r.OrderId, l.Quantity)))
        .ToDictionary(x => x.OrderId, x => x.Quantity, StringComparer.Ordinal);

    async Task<string?> ReplayDiffers(string stream)
    {
        string live, replayed;
        if (reservations.TryGetValue(stream, out var reservation))
        {
            live = Describe(reservation);
            replayed = await replay.Replay<OrderReservation>(stream, streams[stream]) is { } r ? Describe(r) : "nothing";
        }
        else
        {
            live = Describe(products[stream]);
            replayed = await replay.Replay<Product>(stream, streams[stream]) is { } p ? Describe(p) : "nothing";
        }
        return live == replayed ? null : $"{stream} is [{live}] live but [{replayed}] replayed from its {streams[stream].Count} events";
    }

    static string Describe(Product p) => string.Create(CultureInfo.InvariantCulture,
        $"on hand {p.OnHand}, reserved {p.Reserved}, sold {p.Sold}, {p.Price:0.00} {p.Currency}, open {Text(p.OpenReservations)}, settled {Text(p.SettledOrders)}");

    static string Describe(OrderReservation r) =>
        $"{r.Status} {string.Join(", ", r.Lines.Select(l => $"{l.Quantity} {l.ProductId}"))}";

    static string Text<T>(IEnumerable<KeyValuePair<string, T>> entries) =>
        "{" + string.Join(", ", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) + "}";
}
