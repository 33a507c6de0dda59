using System.Diagnostics;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;

namespace Commerce.Bench.Rows;

/// Row 3, idle: one thing at a time on a quiet host, what a single customer or operator waits for.
/// add-product → orderable (Orders' catalog copy has it, fed through Inventory's relay and RabbitMQ), and
/// create-order → confirmed in order details (three relay crossings, the saga, the gateway's latency).
public static class IdleRow
{
    static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(2);
    static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        await using var live = await LiveHost.Start(options, services);
        var samples = options.Quick ? 3 : 30;
        List<double> orderable = [], confirmed = [];
        // The first of each kind compiles its handlers (Wolverine's runtime codegen): not counted.
        for (var i = -1; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            var sku = await live.Shopper.AddProduct();
            await Until(() => Shopper.InOrdersCatalog(live.Services.ConnectionString, sku), "the new product in Orders' catalog");
            if (i >= 0) orderable.Add(clock.Elapsed.TotalMilliseconds);
            await live.Shopper.ReceiveStock(sku, 10);

            clock.Restart();
            var orderId = await live.Shopper.PlaceOrder("tok_visa", sku) ?? throw new InvalidOperationException("create-order was refused.");
            await Until(async () => await live.Shopper.OrderStatus(orderId) == "confirmed", $"order {orderId} to be confirmed");
            if (i >= 0) confirmed.Add(clock.Elapsed.TotalMilliseconds);
            if (clock.Elapsed > TimeSpan.FromMilliseconds(500)) Console.WriteLine($"  slow: {clock.Elapsed.TotalMilliseconds:0} ms, {await live.Shopper.Text($"/api/v1/query/checkouts/{orderId}")}");
            // Quiet between samples: each starts on an idle host, the case polling made slow.
            await Task.Delay(TimeSpan.FromMilliseconds(options.Quick ? 100 : 1500));
        }
        findings.Add(Percentiles("3", $"idle: add-product → orderable (Orders' catalog has it), {samples} one at a time", orderable, "p99 ≤ 50 ms"));
        findings.Add(Percentiles("3", $"idle: create-order → confirmed (card, gateway latency 50 ms), {samples} one at a time", confirmed, "p50 ≤ 100 ms, p99 ≤ 250 ms"));
    }

    static Line Percentiles(string row, string what, List<double> ms, string target)
    {
        var sorted = ms.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        return new Line(row, what, "ms", Metric.Of(At(50)), P50: Metric.Of(At(50)), P95: Metric.Of(At(95)), P99: Metric.Of(At(99)), Target: target);
    }

    static async Task Until(Func<Task<bool>> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > GiveUp) throw new TimeoutException($"Gave up waiting for {what} after {GiveUp}.");
            await Task.Delay(Probe);
        }
    }
}
