using CsCheck;
using Commerce.Testing;

namespace Commerce.Inventory.Tests.Properties;

public sealed class StockPropertyTests : IDisposable
{
    readonly MartenReplay replay = new();

    [Fact]
    public Task any_sequence_of_steps_keeps_the_stock_invariants_and_replays_to_the_live_state() =>
        StockSteps.Sequences.SampleAsync(steps => Counterexample.Run(steps, s => Play(s), StockSteps.Print),
            iter: 1000, print: StockSteps.Print);

    // The property must be able to fail, and its counter-example must be short enough to read: a fold
    // that forgets to give released stock back is caught, and the report names the few steps it takes.
    [Fact]
    public async Task a_broken_fold_is_caught_with_a_short_readable_counter_example()
    {
        static Product ForgetsReleases(Product p, object e) => e is StockReservationReleased r
            ? p with { OpenReservations = p.OpenReservations.Remove(r.OrderId), SettledOrders = p.SettledOrders.SetItem(r.OrderId, ReservationOutcome.Released) }
            : Given.Apply(p, e);

        var failure = await Assert.ThrowsAsync<CsCheckException>(() => StockSteps.Sequences.SampleAsync(
            steps => Counterexample.Run(steps, s => Play(s, ForgetsReleases), StockSteps.Print), iter: 300, print: StockSteps.Print));

        var report = failure.InnerException!.Message;
        Assert.StartsWith("These 4 steps", report, StringComparison.Ordinal);
        Assert.Contains("(release o", report, StringComparison.Ordinal);
        Assert.Contains("but open reservations hold 0", report, StringComparison.Ordinal);
    }

    async Task Play(StockStep[] steps, Func<Product, object, Product>? apply = null)
    {
        var world = new StockWorld(replay, apply);
        foreach (var step in steps) await world.Run(step);
    }

    public void Dispose() => replay.Dispose();
}
