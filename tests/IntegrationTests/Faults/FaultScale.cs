using System.Globalization;

namespace Commerce.IntegrationTests.Faults;

/// How hard the fault tests push: 1 in the test run, more through eng/chaos.sh (COMMERCE_FAULT_SCALE),
/// which multiplies the orders in flight and the length of the outages.
public static class FaultScale
{
    public static readonly int Factor =
        int.TryParse(Environment.GetEnvironmentVariable("COMMERCE_FAULT_SCALE"), CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;

    public static int Orders(int count) => count * Factor;

    public static TimeSpan Outage(TimeSpan length) => length * Factor;

    /// Deadlines grow with the work: more orders take longer to drain through one host.
    public static TimeSpan Deadline(TimeSpan deadline) => deadline * Factor;
}
