namespace Commerce.Bench;

/// What one invocation measures and for how long. The full mode repeats every measurement to show its
/// spread; --quick runs each once on short windows and small data, so CI can check the tool still works.
public sealed record BenchOptions(bool Quick, string OutputDirectory, bool WriteDocs, IReadOnlySet<string>? Only = null, int? RebuildOrdersOverride = null,
    double[]? RatesOverride = null)
{
    /// `--only append,relay-knob,gc,knobs,rehydrate,idle,live,rebuild` runs some phases (while working on one); the table is then partial.
    public bool Includes(string phase) => Only is null || Only.Contains(phase);

    public int Runs => Quick ? 1 : 3;
    public TimeSpan WarmUp => Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(1.5);
    public TimeSpan Window => Quick ? TimeSpan.FromSeconds(0.6) : TimeSpan.FromSeconds(3);
    public int[] Writers => Quick ? [8] : [1, 8, 64];
    public int[] HttpConcurrency => Quick ? [8] : [1, 8, 32, 64];
    /// `--rates 50,100` offers only those rates (while working on one).
    public double[] CheckoutRates => RatesOverride ?? (Quick ? [10] : [10, 25, 50, 100, 150, 200, 300]);
    public TimeSpan OpenLoopWindow => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30);
    public double StageRate => Quick ? 10 : 50;
    public TimeSpan DrainDeadline => TimeSpan.FromSeconds(Quick ? 20 : 60);
    // A quick run does not wait for the host to catch up between measurements: its figures are a smoke test.
    public TimeSpan SettleDeadline => Quick ? TimeSpan.Zero : TimeSpan.FromSeconds(30);
    public int CatalogProducts => Quick ? 5 : 20;
    public int RebuildOrders => RebuildOrdersOverride ?? (Quick ? 2_000 : 250_000);
    public int ArchivedOrders => Quick ? 2_000 : 250_000;
    public int RehydrateEvents => 10_000;
    public int RehydrateRepeats => Quick ? 3 : 10;

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var output = Value(args, "--out") ?? Path.Combine(RepoRoot.Find(), "docs", "benchmarks");
        // A quick run is a smoke test: it writes its table to the console, not over the committed figures
        // (unless told where with --out).
        var write = !quick || args.Contains("--write") || Value(args, "--out") is not null;
        var only = Value(args, "--only")?.Split(',').ToHashSet();
        var rebuildOrders = Value(args, "--rebuild-orders") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var rates = Value(args, "--rates")?.Split(',').Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new BenchOptions(quick, output, write && !args.Contains("--no-write") && only is null && rates is null, only, rebuildOrders, rates);
    }

    static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

public static class RepoRoot
{
    public static string Find() => Commerce.Testing.HostProcess.RepositoryRoot();
}
