using System.Diagnostics;
using Commerce.Bench.GroupCommit;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.Bench.Rows;
using Commerce.Inventory;
using Marten;

namespace Commerce.Bench;

/// One command, every row: the in-process phase (appends, group commit, rehydration), then src/Host as a
/// process (HTTP, checkout, lag, relay, reads, memory), then the rebuild; one table; the database and
/// virtual host it made are dropped at the end whatever happened.
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var clock = Stopwatch.StartNew();
        var services = new BenchServices();
        await services.CreateAsync();
        Console.CancelKeyPress += (_, _) => services.DropAsync().GetAwaiter().GetResult();
        try
        {
            var machine = await Machine.Describe(services);
            Console.WriteLine($"bench ({(options.Quick ? "quick" : "full")}, {options.Runs} run(s) per figure) in {services.Name}; " +
                $"{machine.Cores} cores, {machine.MemoryMb:N0} MB, load average {machine.LoadAverageAtStart}");
            var findings = new Findings();

            await Phase(options, findings, "append", "row 1: appends, and the relay alone (app in-process)", async () =>
            {
                await using var app = await InProcessApp.Start(services);
                await AppendRow.Run(options, findings, services, app);
                await RelayRow.Run(options, findings, services, app, "module settings (daemon polls every 250 ms-1 s)", "relay-default");
            });
            if (!options.Quick)
            {
                await Phase(options, findings, "relay-knob", "knob: the relay with shorter daemon polling (app in-process)", async () =>
                {
                    await using var tuned = await InProcessApp.Start(services, builder => builder.Services.ConfigureMarten<IInventoryStore>(o =>
                    {
                        o.Projections.FastPollingTime = TimeSpan.FromMilliseconds(20);
                        o.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(50);
                    }));
                    await RelayRow.Run(options, findings, services, tuned, "knob: FastPollingTime 20 ms, SlowPollingTime 50 ms", "relay-tuned");
                });
            }
            await Phase(options, findings, "gc", "group commit", () => GroupCommitExperiment.Run(options, findings, services));
            if (!options.Quick) await Phase(options, findings, "knobs", "cheap knobs on the naive path", () => GroupCommitExperiment.Knobs(options, findings, services));
            await Phase(options, findings, "rehydrate", "row 5: rehydration", () => RehydrationRow.Run(options, findings, services));
            await Phase(options, findings, "idle", "row 3, idle: one at a time against src/Host as a process", () => IdleRow.Run(options, findings, services));
            await Phase(options, findings, "live", "rows 2, 3, 4, 6: src/Host as a process", () => LiveHost.Run(options, findings, services));
            // Only when asked by name (`--only checkout`): the live phase above already includes it.
            if (options.Only?.Contains("checkout") == true)
            {
                await Phase(options, findings, "checkout", "row 3, open loop, alone", async () =>
                {
                    await using var live = await LiveHost.Start(options, services);
                    await CheckoutRow.Run(options, findings, live);
                });
            }
            await Phase(options, findings, "rebuild", "row 4: rebuild", () => RebuildRow.Run(options, findings, services));
            await Phase(options, findings, "archive", "row 9: appends and reads beside a large archived history", () => ArchiveRow.Run(options, findings, services));

            var lines = findings.Lines.OrderBy(l => RowOrder(l.Row)).ToList();
            Console.WriteLine();
            Console.WriteLine(Table.Text(lines));
            var run = new RunRecord(TimeProvider.System.GetUtcNow(), options.Quick ? "quick" : "full", options.Runs, clock.Elapsed, machine,
                Machine.LoadAverage(), lines, findings.Notes);
            Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0} s (load average now {run.LoadAverageAtEnd})");
            if (options.WriteDocs)
            {
                var written = await Documents.Write(run, options.OutputDirectory);
                Console.WriteLine("wrote " + string.Join(", ", written));
            }
            foreach (var failure in findings.Failures) Console.WriteLine($"bench failed: {failure}");
            return findings.Failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            await services.DropAsync();
        }
    }

    static async Task Phase(BenchOptions options, Findings findings, string key, string name, Func<Task> phase)
    {
        if (!options.Includes(key)) return;
        Console.WriteLine($"== {name}");
        var clock = Stopwatch.StartNew();
        var mark = findings.Lines.Count;
        try
        {
            await phase();
        }
        catch (Exception e) when (e.GetBaseException() is Npgsql.PostgresException { SqlState: "53300" })
        {
            // Other test runs on this machine took every PostgreSQL connection for a moment: try the phase once more.
            Console.WriteLine("   PostgreSQL had no connection slot left (other runs on this machine); retrying the phase in 20 s");
            findings.TruncateTo(mark);
            await Task.Delay(TimeSpan.FromSeconds(20));
            await phase();
        }
        Console.WriteLine($"   ({clock.Elapsed.TotalSeconds:0} s)");
    }

    static int RowOrder(string row) => row switch
    {
        "GC" => 7,
        "K" => 8,
        _ => int.Parse(row, System.Globalization.CultureInfo.InvariantCulture),
    };
}
