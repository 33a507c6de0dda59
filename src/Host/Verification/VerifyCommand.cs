using Commerce.Verification;
using JasperFx.CommandLine;

namespace Commerce.Host.Verification;

public sealed class VerifyInput : NetCoreInput
{
    [Description("Check only these orders (and the products they touch)")]
    public List<string> OrderFlag { get; set; } = [];

    [Description("Check only these products")]
    public List<string> SkuFlag { get; set; } = [];

    [Description("Seconds an order must have been quiet to be checked (default 30)")]
    public int QuietSecondsFlag { get; set; } = (int)InvariantChecker.DefaultQuietPeriod.TotalSeconds;
}

/// `dotnet run --project src/Host -- verify`: prints every broken invariant, exits 1 when there is one.
/// It reads the database only; the host's messaging is built but never started.
[Description("Check the cross-module invariants (stock, charges, reservations) over the database", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        using var host = input.BuildHost();
        var checker = host.Services.GetRequiredService<InvariantChecker>();
        var scope = input.OrderFlag.Count > 0 || input.SkuFlag.Count > 0
            ? new VerificationScope(input.OrderFlag, input.SkuFlag)
            : VerificationScope.Everything;
        var report = await checker.Check(scope, TimeSpan.FromSeconds(input.QuietSecondsFlag), CancellationToken.None);
        Console.WriteLine(report);
        return report.Ok;
    }
}
