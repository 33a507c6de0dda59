using Commerce.Payments.Contracts;
namespace Commerce.Payments.Tests;

public sealed class GatewayTimeoutTests
{
    [Fact]
    public void charge_unanswered_in_time_is_recorded_and_the_payment_stays_requested()
    {
        var current = Given.Payment(Given.Requested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, NoAnswerAfter: TimeSpan.FromSeconds(30)), Given.Now);

        Assert.Equal([new PaymentGatewayTimedOut(Given.OrderId, TimeSpan.FromSeconds(30), Given.Now)], events);
        var after = Given.After(current, events);
        Assert.Equal(PaymentStatus.Requested, after.Status);
        Assert.Null(after.DueCall);
    }

    [Fact]
    public void timeout_recorded_again_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.TimedOut);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, NoAnswerAfter: TimeSpan.FromSeconds(30)), Given.Now));
    }

    [Fact]
    public void timeout_of_a_payment_already_settled_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Charged);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, NoAnswerAfter: TimeSpan.FromSeconds(30)), Given.Now));
    }

    [Fact]
    public void repeated_request_after_a_timeout_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.TimedOut);

        Assert.Empty(PaymentDecisions.Decide(current, new ChargePayment(Given.OrderId, 42.50m, "EUR", "tok_visa"), Given.Now));
    }
}
