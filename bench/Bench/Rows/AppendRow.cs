using Commerce.Bench.Infrastructure;
using Commerce.Bench.Report;
using Commerce.Inventory;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Commerce.Bench.Rows;

/// Row 1: appends through our path beside Marten alone and PostgreSQL alone, each writer on its own
/// stream. The variants run interleaved within each run, so each run's ratio compares like with like.
public static class AppendRow
{
    const string Row = "1";

    public static async Task Run(BenchOptions options, Findings findings, BenchServices services, InProcessApp app)
    {
        // Marten alone with Inventory's store options where they change what a commit writes (event
        // metadata, the inline Product snapshot, no session reset on return to the pool), so the ratio
        // measures our path (validation, idempotency record, stock projection, wake-up), not settings.
        using var marten = new MartenAlone(services.ConnectionString, configure: o =>
        {
            o.Connection(new NpgsqlConnectionStringBuilder(services.ConnectionString) { NoResetOnClose = true }.ConnectionString);
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.CausationIdEnabled = true;
            o.Events.MetadataConfig.HeadersEnabled = true;
            o.Events.MetadataConfig.UserNameEnabled = true;
            o.Projections.Snapshot<Product>(SnapshotLifecycle.Inline);
        });
        await marten.Create();
        var raw = new RawPostgres(services.ConnectionString, marten.Serialize(new StockReceived("raw-0", 1, TimeProvider.System.GetUtcNow())));
        await raw.Create();
        var ours = new OurAppendPath(app.Services);

        foreach (var writers in options.Writers)
        {
            List<LoadResult> rawRuns = [], martenRuns = [], busRuns = [], gatewayRuns = [];
            for (var run = 0; run < options.Runs; run++)
            {
                rawRuns.Add(await Load.Run(writers, options.WarmUp, options.Window, raw.InsertOne));
                var bare = await marten.Products(writers, $"marten-{writers}-{run}");
                martenRuns.Add(await Load.Run(writers, options.WarmUp, options.Window, w => marten.Append(bare[w])));
                var viaBus = await ours.Products(writers, $"bus-{writers}-{run}");
                busRuns.Add(await Load.Run(writers, options.WarmUp, options.Window, w => ours.ThroughBus(viaBus[w])));
                var viaGateway = await ours.Products(writers, $"gateway-{writers}-{run}");
                gatewayRuns.Add(await Load.Run(writers, options.WarmUp, options.Window, w => ours.ThroughGateway(viaGateway[w])));
            }
            var rawLine = Line.FromLoad(Row, $"raw INSERT, 1 row per commit, {writers} writers", rawRuns, "rows/s");
            var martenLine = Line.FromLoad(Row, $"Marten alone (same metadata and Product snapshot): FetchForWriting+append+commit, {writers} writers", martenRuns, "ev/s");
            var gatewayLine = Line.FromLoad(Row, $"ours: CommandGateway (as HTTP calls it), {writers} writers", gatewayRuns, "ev/s", "p99 < 50 ms");
            findings.Add(rawLine);
            findings.Add(martenLine);
            findings.Add(Line.FromLoad(Row, $"ours: handler via Wolverine bus, {writers} writers", busRuns, "ev/s", "p99 < 50 ms"));
            findings.Add(gatewayLine);
            findings.Ratio(Row, $"ratio ours (gateway) / Marten alone, {writers} writers", gatewayLine, martenLine);
            findings.Ratio(Row, $"ratio ours (gateway) / raw INSERT, {writers} writers", gatewayLine, rawLine);
        }

        List<LoadResult> batchRuns = [], copyRuns = [];
        for (var run = 0; run < options.Runs; run++)
        {
            batchRuns.Add(await Load.Run(8, options.WarmUp, options.Window, raw.InsertBatch, RawPostgres.BatchRows));
            copyRuns.Add(await Load.Run(1, options.WarmUp, options.Window, raw.Copy, RawPostgres.CopyRows));
        }
        findings.Add(Line.FromLoad(Row, $"raw INSERT, {RawPostgres.BatchRows} rows per commit, 8 writers", batchRuns, "rows/s"));
        var copy = Line.FromLoad(Row, $"raw binary COPY, {RawPostgres.CopyRows} rows per commit, 1 writer", copyRuns, "rows/s", "100K+ ev/s");
        findings.Add(copy);
    }
}
