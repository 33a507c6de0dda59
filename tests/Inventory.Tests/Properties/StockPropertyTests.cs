using Commerce.Testing;
using CsCheck;

namespace Commerce.Inventory.Tests.Properties;

public sealed class StockPropertyTests
{
    [Fact]
    public Task any_sequence_of_steps_keeps_the_stock_invariants_and_replays_to_the_live_state() =>
        StepProperty.Holds(StockSteps.Sequences, replay => new StockWorld(replay));

    // The property must be able to fail, and its counter-example must be short enough to read: a fold
    // that forgets to give released stock back is caught, and the report names the few steps it takes
    // (list, receive, reserve, release, and a second product when the reservation spans two).
    [Fact]
    public async Task a_broken_fold_is_caught_with_a_short_readable_counter_example()
    {
        static Product ForgetsReleases(Product p, object e) => e is StockReservationReleased r
            ? p with { OpenReservations = p.OpenReservations.Remove(r.OrderId), SettledOrders = p.SettledOrders.SetItem(r.OrderId, ReservationOutcome.Released) }
            : Given.Apply(p, e);

        var failure = await Assert.ThrowsAsync<CsCheckException>(() =>
            StepProperty.Holds(StockSteps.Sequences, replay => new StockWorld(replay, ForgetsReleases), iter: 300));

        var report = failure.InnerException!.Message;
        Assert.Matches("^These [4-6] steps", report);
        Assert.Contains("(release o", report, StringComparison.Ordinal);
        Assert.Contains("but open reservations hold 0", report, StringComparison.Ordinal);
    }
}
