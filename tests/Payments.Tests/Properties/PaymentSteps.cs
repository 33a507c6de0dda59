using System.Globalization;
using CsCheck;

namespace Commerce.Payments.Tests.Properties;

/// One thing that happens to an order's payment: a checkout command or the gateway's answer.
public abstract record PaymentStep;

public sealed record RequestCharge(decimal Amount, string Method) : PaymentStep
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"charge {Amount:0.00} by {Method}");
}

public sealed record GatewayCharges(bool Approved) : PaymentStep
{
    public override string ToString() => Approved ? "gateway charges" : "gateway declines";
}

public sealed record GatewayTimesOut : PaymentStep
{
    public override string ToString() => "gateway times out";
}

public sealed record RequestRefund : PaymentStep
{
    public override string ToString() => "refund requested";
}

public sealed record GatewayRefunds : PaymentStep
{
    public override string ToString() => "gateway refunds";
}

/// Sequences of checkout commands and gateway answers in any order, with a second charge request
/// for another amount or method now and then.
public static class PaymentSteps
{
    static readonly Gen<PaymentStep> Step = Gen.Frequency(
        (3, Gen.Select(Gen.Frequency((5, 42.50m), (1, 10m)), Gen.Frequency((5, "tok_visa"), (1, "tok_chargeDeclined")),
            (amount, method) => (PaymentStep)new RequestCharge(amount, method))),
        (3, Gen.Bool.Select(approved => (PaymentStep)new GatewayCharges(approved))),
        (1, Gen.Const<PaymentStep>(new GatewayTimesOut())),
        (2, Gen.Const<PaymentStep>(new RequestRefund())),
        (2, Gen.Const<PaymentStep>(new GatewayRefunds())));

    public static readonly Gen<PaymentStep[]> Sequences = Step.Array[1, 20];
}
