using System.Collections.Concurrent;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using HdrHistogram;

namespace Commerce.Bench.Rows;

/// Row 3: checkout as an open-loop load (create-order with a card -> saga -> stock -> payment ->
/// confirmed) at rising offered rates, for orders spread over the catalog and for a flash sale on one
/// product; the stage breakdown at one rate; raw RabbitMQ beside it; and row 4's async projection lag
/// and relay latency under that load. Place -> confirmed runs from the moment create-order was due to
/// the commit timestamp of OrderConfirmed (PostgreSQL's clock, the same machine).
public static class CheckoutRow
{
    const string OrderPlacedExchange = "Commerce.Orders.Contracts:OrderPlacedIntegrationEvent";
    const double MaxP99Ms = 1000;

    sealed record Step(double Rate, double Achieved, LongHistogram Latency, long Errors, long BacklogMid, long BacklogEnd,
        IReadOnlyDictionary<string, DateTimeOffset> Sent, IReadOnlyDictionary<string, LongHistogram> Lags)
    {
        // One second of orders more waiting at the end than in the middle: the checkout fell behind.
        public bool BacklogGrew => BacklogEnd > BacklogMid + Math.Max(10, Rate);
        public bool Kept => Errors == 0 && Achieved >= 0.95 * Rate && Latency.Ms(99) <= MaxP99Ms && !BacklogGrew;
    }

    public static async Task Run(BenchOptions options, Findings findings, LiveHost live)
    {
        await RawRabbit(options, findings, live.Rabbit);

        var relayed = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await live.Rabbit.Probe(OrderPlacedExchange, "orderId", (id, at) => relayed.TryAdd(id, at));

        // The first checkouts compile the handlers (Wolverine's runtime codegen) and the JIT recompiles the
        // hot paths optimised (tiered compilation) for a while after: not counted.
        var warmUp = await OpenLoop.Run(10, options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(20), () => live.Shopper.PlaceOrder("tok_visa"));
        await EventTimes.Of(live.Services.ConnectionString, "orders", "order_confirmed", warmUp.Sent.Keys.ToArray(), options.DrainDeadline);

        live.Memory.Reset();
        var spread = await Workload(options, findings, live, $"spread over {options.CatalogProducts} products", sku: null);
        findings.Add(new Line("6", "host peak RSS during row 3 (VmRSS sampled every 200 ms)", "MB", Metric.Of(live.Memory.Reset())));

        var flashSku = await live.Shopper.AddProduct();
        await live.Shopper.ReceiveStock(flashSku, 1_000_000);
        while (!await Shopper.InOrdersCatalog(live.Services.ConnectionString, flashSku)) await Task.Delay(50);
        await Workload(options, findings, live, "flash sale (every order for one product)", flashSku);

        // The stage breakdown and the lags come from the spread workload at the stage rate (or the last
        // rate run, if the knee came earlier).
        var staged = spread.FirstOrDefault(s => s.Rate == options.StageRate) ?? spread[^1];
        await Stages(options, findings, live, staged, relayed);
        foreach (var (name, histogram) in staged.Lags.OrderBy(l => l.Key))
        {
            var relayShard = name.StartsWith("integration-relay", StringComparison.Ordinal);
            findings.Add(new Line("4", $"{(relayShard ? "relay" : "async projection")} lag at {staged.Rate:0} orders/s offered: orders {name} (max of samples)", "s",
                Metric.Of(HistogramExtensions.GetMaxValue(histogram) / 1000.0), Metric.Of(histogram.Ms(50) * 1000), null,
                Metric.Of(histogram.Ms(99) * 1000), Target: relayShard ? null : "p99 < 250 ms"));
        }
        findings.Note($"Row 3 (open loop): each offered rate is held for {options.OpenLoopWindow.TotalSeconds:0} s, once; create-order goes out on " +
            "schedule whether or not earlier orders finished, and latency counts from when it was due. Achieved = orders confirmed per " +
            $"second over the window's second half. A rate is kept when p99 ≤ {MaxP99Ms:0} ms, ≥ 95% of it is achieved, nothing failed and " +
            "the backlog (placed, not yet confirmed; sampled every second) did not grow by a second of orders from the window's middle to " +
            $"its end; the rates stop at the first one not kept. Errors = create-orders refused, or orders not confirmed within " +
            $"{options.DrainDeadline.TotalSeconds:0} s. Lag is sampled every 250 ms during the window (p50/p99 columns in ms).");
    }

    static async Task RawRabbit(BenchOptions options, Findings findings, Rabbit rabbit)
    {
        await rabbit.StartRoundTrips(32);
        List<LoadResult> single = [], many = [];
        for (var run = 0; run < options.Runs; run++)
        {
            single.Add(await Load.Run(1, options.WarmUp, options.Window, rabbit.RoundTrip));
            many.Add(await Load.Run(32, options.WarmUp, options.Window, rabbit.RoundTrip));
        }
        findings.Add(Line.FromLoad("3", "raw RabbitMQ: publish (confirmed, persistent) -> consumed, 1 in flight", single, "msgs/s"));
        findings.Add(Line.FromLoad("3", "raw RabbitMQ: publish (confirmed, persistent) -> consumed, 32 in flight", many, "msgs/s", "consumer > 10K/s"));
    }

    static async Task<List<Step>> Workload(BenchOptions options, Findings findings, LiveHost live, string name, string? sku)
    {
        List<Step> steps = [];
        foreach (var rate in options.CheckoutRates)
        {
            await live.Settle(options.SettleDeadline);
            var step = await Offer(options, live, rate, sku);
            steps.Add(step);
            findings.Add(new Line("3", $"checkout, open loop, {name}: {rate:0}/s offered → confirmed/s (backlog {step.BacklogMid} → {step.BacklogEnd})",
                "orders/s", Metric.Of(step.Achieved), Metric.Of(step.Latency.Ms(50)), Metric.Of(step.Latency.Ms(95)), Metric.Of(step.Latency.Ms(99)),
                step.Errors, step.Kept ? "kept" : "not kept"));
            if (!step.Kept) break;
        }
        var knee = steps.Where(s => s.Kept).Select(s => s.Rate).DefaultIfEmpty(0).Max();
        findings.Add(new Line("3", $"checkout knee, {name}: highest offered rate kept (p99 ≤ 1 s, no growing backlog)", "orders/s",
            Metric.Of(knee), Target: sku is null ? "≥ 150 (300 next)" : "≥ 100"));
        if (options.Quick && steps.Any(s => s.Errors > 0))
            findings.Fail($"checkout, {name}: {steps.Sum(s => s.Errors)} orders refused or never confirmed");
        return steps;
    }

    static async Task<Step> Offer(BenchOptions options, LiveHost live, double rate, string? sku)
    {
        var cs = live.Services.ConnectionString;
        var head = await EventTimes.Head(cs, "orders");
        OpenLoopResult sent;
        IReadOnlyList<long> backlog;
        IReadOnlyDictionary<string, LongHistogram> lags;
        await using (var lag = new LagSampler(cs, "orders"))
        await using (var backlogSampler = new BacklogSampler(cs, head))
        {
            sent = await OpenLoop.Run(rate, options.OpenLoopWindow, () => live.Shopper.PlaceOrder("tok_visa", sku));
            (backlog, lags) = (backlogSampler.Samples, lag.Lags);
        }
        if (sent.FirstError is { } error) Console.WriteLine($"  ({rate:0}/s: first refusal: {error})");

        var confirmed = await EventTimes.Of(cs, "orders", "order_confirmed", sent.Sent.Keys.ToArray(), options.DrainDeadline);
        var latency = Load.NewHistogram();
        foreach (var (id, at) in confirmed) latency.RecordValue(Micros(at - sent.Sent[id]));

        var start = sent.Sent.Values.DefaultIfEmpty(TimeProvider.System.GetUtcNow()).Min();
        var half = start + options.OpenLoopWindow / 2;
        var end = start + options.OpenLoopWindow;
        var achieved = confirmed.Values.Count(at => at >= half && at < end) / (options.OpenLoopWindow / 2).TotalSeconds;
        long At(double fraction) => backlog.Count == 0 ? 0 : backlog[Math.Clamp((int)(fraction * backlog.Count), 0, backlog.Count - 1)];
        return new Step(rate, achieved, latency, sent.Refused + sent.Sent.Count - confirmed.Count, At(0.5), At(1), sent.Sent, lags);
    }

    /// Where a checkout's time goes, leg by leg, from commit timestamps in each store (and the probe's
    /// receive time for OrderPlaced on RabbitMQ).
    static async Task Stages(BenchOptions options, Findings findings, LiveHost live, Step step, IReadOnlyDictionary<string, DateTimeOffset> relayed)
    {
        var cs = live.Services.ConnectionString;
        var ids = step.Sent.Keys.ToArray();
        var placed = await EventTimes.Of(cs, "orders", "order_placed", ids, TimeSpan.Zero);
        var reserved = await EventTimes.Of(cs, "inventory", "order_stock_reserved", ids, TimeSpan.Zero, "reservation-");
        var requested = await EventTimes.Of(cs, "payments", "payment_requested", ids, TimeSpan.Zero);
        var charged = await EventTimes.Of(cs, "payments", "payment_charged", ids, TimeSpan.Zero);
        var confirmed = await EventTimes.Of(cs, "orders", "order_confirmed", ids, TimeSpan.Zero);
        (string Leg, IReadOnlyDictionary<string, DateTimeOffset> From, IReadOnlyDictionary<string, DateTimeOffset> To)[] legs =
        [
            ("create-order due → OrderPlaced committed", step.Sent, placed),
            ("OrderPlaced committed → on RabbitMQ (Orders' relay)", placed, relayed),
            ("on RabbitMQ → stock reserved (saga, Inventory)", relayed, reserved),
            ("stock reserved → charge requested (Inventory's relay, saga, Payments)", reserved, requested),
            ("charge requested → charged (gateway worker, 50 ms gateway)", requested, charged),
            ("charged → confirmed (Payments' relay, saga, Orders)", charged, confirmed),
            ("whole checkout: due → confirmed", step.Sent, confirmed),
        ];
        foreach (var (leg, from, to) in legs)
        {
            var histogram = Load.NewHistogram();
            foreach (var (id, at) in to)
            {
                if (from.TryGetValue(id, out var started)) histogram.RecordValue(Micros(at - started));
            }
            findings.Add(new Line("3", $"stage at {step.Rate:0} orders/s offered (spread): {leg}", "orders",
                Metric.Of(histogram.TotalCount), Metric.Of(histogram.Ms(50)), Metric.Of(histogram.Ms(95)), Metric.Of(histogram.Ms(99)),
                Target: leg.Contains("relay)", StringComparison.Ordinal) ? "p50 < 10 ms, p99 < 50 ms" : null));
        }
    }

    static long Micros(TimeSpan span) => Math.Clamp((long)span.TotalMicroseconds, 0, Load.MaxMicros);
}
