using System.Globalization;
using System.Text;

namespace Commerce.Bench.Report;

/// The one table, as aligned text for the console and as markdown for docs/benchmarks.
public static class Table
{
    static readonly string[] Header = ["#", "what", "median", "spread (min-max)", "unit", "p50 ms", "p95 ms", "p99 ms", "errors", "target"];

    public static string Value(Line line) => Number(line.Value.Median, line.Unit);

    public static string Ms(Metric? metric) => metric is null ? "" : Number(metric.Median, "ms");

    static string Spread(Metric metric, string unit) =>
        metric.Runs.Count < 2 ? "1 run" : $"{Number(metric.Min, unit)}-{Number(metric.Max, unit)} ({metric.Runs.Count} runs)";

    static string Cell(Metric? metric) => metric is null ? "" :
        metric.Runs.Count < 2 ? Number(metric.Median, "ms") : $"{Number(metric.Median, "ms")} ({Number(metric.Min, "ms")}-{Number(metric.Max, "ms")})";

    static string Number(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        var format = unit switch
        {
            "x" => Math.Abs(value) >= 0.1 ? "0.00" : "0.0000",
            _ when Math.Abs(value) >= 100 => "#,0",
            _ when Math.Abs(value) >= 10 => "0.0",
            _ => "0.00",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    static string[] Cells(Line l) =>
        [l.Row, l.What, Value(l), Spread(l.Value, l.Unit), l.Unit, Cell(l.P50), Cell(l.P95), Cell(l.P99),
         l.P99 is null && l.Errors == 0 ? "" : l.Errors.ToString(CultureInfo.InvariantCulture), l.Target ?? ""];

    public static string Text(IReadOnlyList<Line> lines)
    {
        var rows = lines.Select(Cells).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i is 0 or 1 or 4 or 9 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<Line> lines)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select((_, i) => i is 0 or 1 or 4 or 9 ? "---|" : "---:|")));
        foreach (var line in lines) text.AppendLine("| " + string.Join(" | ", Cells(line).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        return text.ToString();
    }
}
