using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Commerce.Bench.Report;

public sealed record RunRecord(DateTimeOffset At, string Mode, int RunsPerFigure, TimeSpan Duration, Machine Machine, string LoadAverageAtEnd,
    IReadOnlyList<Line> Lines, IReadOnlyList<string> Notes);

/// docs/benchmarks/results.{md,json}: the table with the machine and versions it was measured on.
public static class Documents
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<IReadOnlyList<string>> Write(RunRecord run, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "results.json");
        var markdown = Path.Combine(directory, "results.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            run.At, run.Mode, run.RunsPerFigure, duration_s = Math.Round(run.Duration.TotalSeconds), run.Machine, run.LoadAverageAtEnd,
            lines = run.Lines.Select(l => new
            {
                l.Row, l.What, l.Unit, median = l.Value.Median, min = l.Value.Min, max = l.Value.Max, runs = l.Value.Runs,
                p50_ms = l.P50?.Runs, p95_ms = l.P95?.Runs, p99_ms = l.P99?.Runs, l.Errors, l.Target,
            }),
            run.Notes,
        }, Json));
        await File.WriteAllTextAsync(markdown, Markdown(run));
        return [json, markdown];
    }

    static string Markdown(RunRecord run)
    {
        var m = run.Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark results: {run.At:yyyy-MM-dd HH:mm} UTC ({run.Mode} run)");
        text.AppendLine();
        text.AppendLine("Written by `eng/bench.sh` (bench/Bench); how to run it and read this table: [README.md](README.md).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"> Measured on a shared machine: other processes (other developers' builds and test runs) were running. " +
            $"Load average {m.LoadAverageAtStart} at the start, {run.LoadAverageAtEnd} at the end (1, 5, 15 min). Treat the figures as yardsticks.");
        text.AppendLine();
        text.AppendLine("| machine | |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commit | {m.Commit} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| cores, memory | {m.Cores}, {m.MemoryMb:N0} MB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| OS | {m.Os} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| .NET | {m.Dotnet} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL | {m.Postgresql} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| RabbitMQ | {m.Rabbitmq} (Erlang {m.Erlang}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| packages | {string.Join(", ", m.Packages.Select(p => $"{p.Key} {p.Value}"))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| run | {run.Mode}, {run.RunsPerFigure} run(s) per figure, {run.Duration.TotalMinutes:0.0} min |");
        text.AppendLine();
        text.AppendLine(Table.Markdown(run.Lines));
        text.AppendLine("## Notes");
        text.AppendLine();
        foreach (var note in run.Notes) text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        return text.ToString();
    }
}
