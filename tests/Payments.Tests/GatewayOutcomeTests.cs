using Commerce.Payments.Contracts;
namespace Commerce.Payments.Tests;

public sealed class GatewayOutcomeTests
{
    [Fact]
    public void approved_charge_of_a_requested_payment_is_recorded_with_the_gateway_reference()
    {
        var current = Given.Payment(Given.Requested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, GatewayOutcome.Approved("sim_order-1")), Given.Now);

        Assert.Equal([new PaymentCharged(Given.OrderId, 42.50m, "EUR", "sim_order-1", Given.Now)], events);
    }

    [Fact]
    public void declined_charge_of_a_requested_payment_is_recorded_with_the_reason()
    {
        var current = Given.Payment(Given.Requested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, GatewayOutcome.Declined("Insufficient funds.")), Given.Now);

        Assert.Equal([new PaymentDeclined(Given.OrderId, "Insufficient funds.", Given.Now)], events);
    }

    [Fact]
    public void decline_without_a_reason_is_recorded_with_a_generic_one()
    {
        var current = Given.Payment(Given.Requested);

        var events = PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, new GatewayOutcome(false, null, null)), Given.Now);

        var declined = Assert.IsType<PaymentDeclined>(Assert.Single(events));
        Assert.False(string.IsNullOrWhiteSpace(declined.Reason));
    }

    [Fact]
    public void approval_without_a_reference_is_refused()
    {
        var current = Given.Payment(Given.Requested);

        Assert.Throws<ArgumentException>(() =>
            PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, new GatewayOutcome(true, null, null)), Given.Now));
    }

    public static TheoryData<string, GatewayOutcome> SettledPaymentsAndOutcomes => new()
    {
        { "charged", GatewayOutcome.Approved("sim_order-1") },
        { "charged", GatewayOutcome.Declined("Your card was declined.") },
        { "declined", GatewayOutcome.Approved("sim_order-1") },
        { "declined", GatewayOutcome.Declined("Your card was declined.") },
        { "refunded", GatewayOutcome.Approved("sim_order-1") },
    };

    [Theory]
    [MemberData(nameof(SettledPaymentsAndOutcomes))]
    public void outcome_for_a_payment_already_settled_changes_nothing(string state, GatewayOutcome outcome)
    {
        var current = state switch
        {
            "charged" => Given.Payment(Given.Requested, Given.Charged),
            "declined" => Given.Payment(Given.Requested, Given.Declined),
            _ => Given.Payment(Given.Requested, Given.Charged, Given.Refunded),
        };

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, outcome), Given.Now));
    }

    [Fact]
    public void charge_after_decline_changes_nothing()
    {
        var current = Given.Payment(Given.Requested, Given.Declined);

        Assert.Empty(PaymentDecisions.Decide(current, new RecordGatewayAnswer(Given.OrderId, GatewayCallKind.Charge, GatewayOutcome.Approved("sim_order-1")), Given.Now));
    }
}
