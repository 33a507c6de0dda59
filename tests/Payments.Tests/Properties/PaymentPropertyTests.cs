using Commerce.Testing;

namespace Commerce.Payments.Tests.Properties;

public sealed class PaymentPropertyTests
{
    [Fact]
    public Task any_sequence_of_requests_and_gateway_answers_moves_money_at_most_once_and_replays_to_the_live_state() =>
        StepProperty.Holds(PaymentSteps.Sequences, replay => new PaymentWorld(replay));
}
