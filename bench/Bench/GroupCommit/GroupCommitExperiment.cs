using System.Collections.Concurrent;
using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Modules;
using Commerce.Inventory;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Commerce.Bench.GroupCommit;

/// "Then make it fast": the naive write path (one command, one session, one commit) beside group commit,
/// on a store configured like Inventory's (ModuleStore conventions, the inline ProductStock projection)
/// in a schema of its own; then cheap knobs that need no change in src (connection string, append mode).
public static class GroupCommitExperiment
{
    const string Row = "GC";
    const string PoisonedUser = "bench\0poisoned";

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services)
    {
        int[] callers = options.Quick ? [64] : [8, 64, 256];
        using (var store = Store(services.ConnectionString, "bench_gc"))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var ledger = new Ledger();
            foreach (var n in callers)
            {
                List<LoadResult> naive = [], grouped = [];
                for (var run = 0; run < options.Runs; run++)
                {
                    naive.Add(await Measure(options, store, ledger, n, $"naive-{n}-{run}", (w, c, u) => w.Send(c, u), groupCommitters: 0));
                    grouped.Add(await Measure(options, store, ledger, n, $"group-{n}-{run}", (w, c, u) => w.Queue(c, u), groupCommitters: 2));
                }
                var naiveLine = Line.FromLoad(Row, $"naive: 1 command per commit, {n} callers", naive, "cmd/s");
                var groupLine = Line.FromLoad(Row, $"group commit (2 committers), {n} callers", grouped, "cmd/s", "p99 < 50 ms");
                findings.Add(naiveLine);
                findings.Add(groupLine);
                findings.Ratio(Row, $"ratio group / naive, {n} callers", groupLine, naiveLine);
            }
            if (!options.Quick)
            {
                List<LoadResult> single = [];
                for (var run = 0; run < options.Runs; run++)
                    single.Add(await Measure(options, store, ledger, 64, $"group1-{run}", (w, c, u) => w.Queue(c, u), groupCommitters: 1));
                findings.Add(Line.FromLoad(Row, "group commit (1 committer), 64 callers", single, "cmd/s"));
            }

            // One command in a hundred carries a user name PostgreSQL refuses (a NUL byte): its commit fails.
            var poisoned = await Measure(options, store, ledger, 64, "poison", (w, c, u) => w.Queue(c, u), groupCommitters: 2, poisonEvery: 100);
            findings.Add(Line.FromLoad(Row, "group commit, 64 callers, 1% of commands fail at commit (errors = those)", [poisoned], "cmd/s"));
            findings.Note(await ledger.Verify(store, services.ConnectionString));
        }
    }

    static DocumentStore Store(string connectionString, string schema, Action<StoreOptions>? configure = null) => DocumentStore.For(o =>
    {
        ModuleStore.Configure(o, connectionString, schema, [typeof(ProductListed), typeof(StockReceived)]);
        o.Projections.Add<ProductStockProjection>(ProjectionLifecycle.Inline);
        configure?.Invoke(o);
    });

    static async Task<LoadResult> Measure(BenchOptions options, DocumentStore store, Ledger ledger, int callers, string prefix,
        Func<GroupCommitWriter, ReceiveStock, string, Task<CommandResult>> send, int groupCommitters, int poisonEvery = 0)
    {
        var products = await BenchProducts.Start(store, callers, prefix);
        await using var writer = new GroupCommitWriter(store, committers: Math.Max(1, groupCommitters));
        long sent = 0;
        var result = await Load.Run(callers, options.WarmUp, options.Window, async w =>
        {
            var poison = poisonEvery > 0 && Interlocked.Increment(ref sent) % poisonEvery == 0;
            var command = new ReceiveStock($"cmd-{Guid.NewGuid():N}", products[w], 1);
            try
            {
                await send(writer, command, poison ? PoisonedUser : "bench");
                ledger.Accepted(command);
                return true;
            }
            catch (Exception e) when (poison && e.GetBaseException() is PostgresException { SqlState: "22021" })
            {
                ledger.Refused();
                return false;
            }
        });
        var (commits, committed, _) = writer.Stats;
        if (groupCommitters > 0 && commits > 0) ledger.Batches(committed / (double)commits);
        return result;
    }


    public static async Task Knobs(BenchOptions options, Findings findings, BenchServices services)
    {
        const int callers = 64;
        (string Name, string ConnectionString, Action<StoreOptions>? Configure)[] knobs =
        [
            ($"defaults here (pool {BenchServices.PoolSize}, quick append, No Reset On Close)", services.ConnectionString, null),
            ("Maximum Pool Size=4", services.WithDatabase(services.ConnectionString, maxPoolSize: 4), null),
            ("Maximum Pool Size=20", services.WithDatabase(services.ConnectionString, maxPoolSize: 20), null),
            // ModuleStore sets No Reset On Close; this puts Npgsql's default back, to keep the before beside the after.
            ("No Reset On Close=false (Npgsql's default)", services.ConnectionString,
                o => o.Connection(new NpgsqlConnectionStringBuilder(services.ConnectionString) { NoResetOnClose = false }.ConnectionString)),
            ("Max Auto Prepare=50", services.ConnectionString + ";Max Auto Prepare=50", null),
            ("Events.AppendMode = Rich", services.ConnectionString, o => o.Events.AppendMode = EventAppendMode.Rich),
            ("synchronous_commit=off (durability trade, not adoptable as is)", services.ConnectionString + ";Options=-c synchronous_commit=off", null),
        ];
        var ledger = new Ledger();
        var stores = knobs.Select((k, i) => Store(k.ConnectionString, $"bench_knob{i}", k.Configure)).ToList();
        try
        {
            foreach (var store in stores) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var runs = knobs.Select(_ => new List<LoadResult>()).ToList();
            // Interleaved: each run measures every knob once, so a change in the machine's load hits them alike.
            for (var run = 0; run < options.Runs; run++)
            {
                for (var k = 0; k < knobs.Length; k++)
                    runs[k].Add(await Measure(options, stores[k], ledger, callers, $"knob-{run}", (w, c, u) => w.Send(c, u), groupCommitters: 0));
            }
            for (var k = 0; k < knobs.Length; k++)
                findings.Add(Line.FromLoad("K", $"knob, naive path, {callers} callers: {knobs[k].Name}", runs[k], "cmd/s"));
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
        }
    }

    /// What was accepted, to check afterwards that every accepted command left exactly one event and
    /// one ProcessedCommand, and nothing else was written.
    sealed class Ledger
    {
        readonly ConcurrentDictionary<string, int> perStream = new();
        readonly ConcurrentBag<double> batchSizes = [];
        long refused;

        public void Accepted(ReceiveStock command) => perStream.AddOrUpdate(command.ProductId, 1, (_, n) => n + 1);

        public void Refused() => Interlocked.Increment(ref refused);

        public void Batches(double meanSize) => batchSizes.Add(meanSize);

        public async Task<string> Verify(IDocumentStore store, string connectionString)
        {
            var schema = store.Options.Events.DatabaseSchemaName;
            var stored = new Dictionary<string, long>();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                // A failed commit leaves Marten's tombstone events (they keep the sequence free of gaps).
                await using var command = new NpgsqlCommand(
                    $"SELECT stream_id, count(*) - 1 FROM {schema}.mt_events WHERE stream_id <> 'mt_tombstone' GROUP BY stream_id", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) stored[reader.GetString(0)] = reader.GetInt64(1);
            }
            var processed = await BenchServices.Scalar<long>(connectionString, $"SELECT count(*) FROM {schema}.mt_doc_processedcommand");
            var accepted = perStream.Values.Sum();
            var mismatched = stored.Where(s => s.Value != perStream.GetValueOrDefault(s.Key)).Select(s => $"{s.Key}: {s.Value} events, {perStream.GetValueOrDefault(s.Key)} accepted").ToList();
            if (mismatched.Count > 0 || processed != accepted)
                throw new InvalidOperationException($"Group commit lost or invented writes: {processed} processed commands for {accepted} accepted; " +
                    string.Join("; ", mismatched.Take(5)));
            return $"Group commit verified: {accepted:N0} accepted commands left exactly {accepted:N0} events and {processed:N0} ProcessedCommand records " +
                $"in {stored.Count:N0} streams; {refused} poisoned commands failed alone; mean batch {batchSizes.DefaultIfEmpty(1).Average():0.0} commands per commit.";
        }
    }
}
