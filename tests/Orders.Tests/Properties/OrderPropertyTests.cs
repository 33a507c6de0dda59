using Commerce.Testing;

namespace Commerce.Orders.Tests.Properties;

public sealed class OrderPropertyTests
{
    [Fact]
    public Task any_sequence_of_steps_keeps_the_order_consistent_and_replays_to_the_live_state() =>
        StepProperty.Holds(OrderSteps.Sequences, replay => new OrderWorld(replay));
}
