using Commerce.Bench.Infrastructure;

namespace Commerce.Bench.Report;

/// One figure over several runs: the median is what the table shows, min and max its spread.
public sealed record Metric(IReadOnlyList<double> Runs)
{
    public double Median
    {
        get
        {
            var sorted = Runs.Where(v => !double.IsNaN(v)).Order().ToArray();
            if (sorted.Length == 0) return double.NaN;
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Min => Runs.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Min();
    public double Max => Runs.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();

    public static Metric Of(params double[] runs) => new(runs);
}

/// A line of the table: a value (throughput, time, size or ratio) and, for loads, its latencies.
public sealed record Line(string Row, string What, string Unit, Metric Value, Metric? P50 = null, Metric? P95 = null, Metric? P99 = null,
    long Errors = 0, string? Target = null)
{
    public static Line FromLoad(string row, string what, IReadOnlyList<LoadResult> runs, string unit = "ops/s", string? target = null, bool p95 = false)
    {
        if (runs.FirstOrDefault(r => r.FirstError is not null) is { } failed) Console.WriteLine($"  ({what}: first error: {failed.FirstError})");
        return new(row, what, unit, new Metric([.. runs.Select(r => r.PerSecond)]),
            new Metric([.. runs.Select(r => r.Ms(50))]),
            p95 ? new Metric([.. runs.Select(r => r.Ms(95))]) : null,
            new Metric([.. runs.Select(r => r.Ms(99))]),
            runs.Sum(r => r.Errors), target);
    }
}

/// Everything one invocation found, in the order it was measured.
public sealed class Findings
{
    readonly List<Line> lines = [];
    readonly List<string> notes = [];
    readonly List<string> failures = [];

    public IReadOnlyList<Line> Lines => lines;
    public IReadOnlyList<string> Notes => notes;

    public void Add(Line line)
    {
        lines.Add(line);
        Console.WriteLine($"  [{line.Row}] {line.What}: {Table.Value(line)} {line.Unit}" +
            (line.P99 is { } p99 ? $", p50 {Table.Ms(line.P50)} ms, p99 {Table.Ms(p99)} ms" : "") +
            (line.Errors > 0 ? $", {line.Errors} errors" : ""));
    }

    /// Forgets what a failed attempt of a phase added, so its retry does not count twice.
    public void TruncateTo(int count) => lines.RemoveRange(count, lines.Count - count);

    /// What makes this run fail (exit code 1): a smoke run whose checkouts did not all confirm.
    public IReadOnlyList<string> Failures => failures;

    public void Fail(string failure)
    {
        failures.Add(failure);
        Console.WriteLine($"  FAILED: {failure}");
    }

    public void Note(string note)
    {
        notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    /// The ratio of two lines' medians, one value per run when both have the same number of runs
    /// (measured interleaved, so each run's pair saw the same machine load).
    public void Ratio(string row, string what, Line ours, Line reference, string? target = null)
    {
        var runs = ours.Value.Runs.Count == reference.Value.Runs.Count
            ? ours.Value.Runs.Zip(reference.Value.Runs, (a, b) => a / b).ToArray()
            : [ours.Value.Median / reference.Value.Median];
        Add(new Line(row, what, "x", new Metric(runs), Target: target));
    }
}
