using Commerce.BuildingBlocks.Errors;
using Commerce.Testing;
using FluentValidation;

namespace Commerce.Inventory.Tests.Properties;

/// Products and order reservations driven only by the pure decisions, the way the handlers drive
/// them: each step is validated, decided on the current state (a reserve sees the products on its
/// lines, a release or commit the products its reservation holds) and the decided events are applied
/// at once. A refused step (validation, 404, 409) writes nothing. The events each stream received are
/// kept as the database would return them, to be replayed by Marten.
public sealed partial class StockWorld(MartenReplay replay, Func<Product, object, Product>? apply = null) : IStepWorld<StockStep>
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
        ListProduct s => [.. AddProduct.Decide(products.GetValueOrDefault(s.Sku),
            Valid(new AddProduct("cmd", s.Sku, $"Mug {s.Sku}", 9.50m, "EUR"), new AddProduct.Validator()), now).Select(e => (s.Sku, e))],
        Receive s => [.. ReceiveStock.Decide(
            products.GetValueOrDefault(s.Sku), Valid(new ReceiveStock("cmd", s.Sku, s.Quantity), new ReceiveStock.Validator()), now).Select(e => (s.Sku, e))],
        Reprice s => [.. ChangePrice.Decide(
            products.GetValueOrDefault(s.Sku), Valid(new ChangePrice("cmd", s.Sku, s.Price), new ChangePrice.Validator()), now).Select(e => (s.Sku, e))],
        Reserve s => Split(s.OrderId, ReserveStockForOrder.Decide(new(Reservation(s.OrderId),
            Existing(s.Lines.Select(l => l.ProductId))), Valid(new ReserveStockForOrder(s.OrderId, s.Lines), new ReserveStockForOrder.Validator()), now)),
        Release s => Split(s.OrderId, ReleaseStockForOrder.Decide(new(Reservation(s.OrderId), Held(s.OrderId)),
            Valid(new ReleaseStockForOrder(s.OrderId, "cancelled"), new ReleaseStockForOrder.Validator()), now)),
        Commit s => Split(s.OrderId, CommitStockForOrder.Decide(new(Reservation(s.OrderId), Held(s.OrderId)),
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
            case ProductListed:
                products[stream] = Given.Product(e);
                break;
            case OrderStockReserved or OrderStockReservationFailed or OrderStockReleased or OrderStockCommitted:
                reservations[stream] = MartenReplay.Fold(stream, [e], reservations.GetValueOrDefault(stream));
                break;
            default:
                products[stream] = apply(products[stream], e);
                break;
        }
    }
}
