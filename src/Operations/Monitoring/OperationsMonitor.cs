using System.Diagnostics.Metrics;
using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Sagas;
using Commerce.BuildingBlocks.Telemetry;
using Commerce.Operations.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Operations.Monitoring;

public sealed record SagaCount(string Saga, string State, long Instances);

/// What the operations page shows and the gauges export, as this host last read it.
public sealed record OperationsSnapshot(
    DateTimeOffset At,
    string Host,
    CheckoutRates Checkouts,
    IReadOnlyList<SagaCount> Sagas,
    IReadOnlyList<ProjectionLag> Projections,
    IReadOnlyList<StoreLeadership> Leaders,
    IReadOnlyList<DeadLetterCount>? ErrorQueues,
    IReadOnlyList<MonitoredSource> Sources,
    IReadOnlyList<string> Problems);

/// Whether the monitor could read a source (the database, RabbitMQ's management API) this time: what it
/// could not read is left out of the gauges, so an alert on them alone would go quiet, not fire.
public sealed record MonitoredSource(string Source, bool Up);

/// Reads every few seconds (Operations:MonitorInterval, 5 s: every 2 s cost ~2 orders/s at the knee, docs/benchmarks/improvements.md §9) what is costly to read on each scrape or
/// page refresh: each projection's and relay's lag, who leads each store, saga instances by state and the
/// error queues' depths. A source that cannot be read is named in Problems, marked down in Sources (and
/// the commerce.monitor.source.up gauge) and left out, so the others still show.
public sealed partial class OperationsMonitor(
    ModuleStores stores, SubscriptionPauses pauses, IEnumerable<ISagaCensus> sagas, DeadLetters deadLetters, CheckoutWatch checkouts, TimeProvider clock,
    IConfiguration configuration, ILogger<OperationsMonitor> logger) : BackgroundService
{
    // The gauges are the process's: in a process with several hosts (tests), the last one read is shown.
    static volatile OperationsSnapshot? latest;
    static readonly object Gauges = RegisterGauges();

    OperationsSnapshot? current;

    public OperationsSnapshot? Current => current;

    public async Task<OperationsSnapshot> Read(CancellationToken ct)
    {
        var problems = new List<string>();
        var databaseUp = true;
        var lags = new List<ProjectionLag>();
        foreach (var store in stores.All)
        {
            try
            {
                lags.AddRange(await ProjectionLags.Of(store, clock, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"{store.Name} projections: {e.Message}");
                databaseUp = false;
            }
        }
        var counts = new List<SagaCount>();
        foreach (var census in sagas)
        {
            try
            {
                counts.AddRange((await census.CountByState(ct)).Select(c => new SagaCount(census.Saga, c.Key, c.Value)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"{census.Saga} saga: {e.Message}");
                databaseUp = false;
            }
        }
        IReadOnlyList<DeadLetterCount>? queues = null;
        try
        {
            queues = await deadLetters.ErrorQueues(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"RabbitMQ management API: {e.Message}");
        }
        var leaders = new List<StoreLeadership>();
        foreach (var store in stores.All)
        {
            try
            {
                leaders.Add(await StoreLeadership.Of(store, pauses));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"{store.Name} leadership: {e.Message}");
            }
        }
        var snapshot = new OperationsSnapshot(clock.GetUtcNow(), StoreLeadership.ThisHost, checkouts.Rates(),
            [.. counts.OrderBy(c => c.Saga, StringComparer.Ordinal).ThenBy(c => c.State, StringComparer.Ordinal)], lags, leaders, queues,
            [new MonitoredSource("database", databaseUp), new MonitoredSource("rabbitmq_management", queues is not null)], problems);
        current = latest = snapshot;
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = Gauges;
        var every = configuration.GetValue("Operations:MonitorInterval", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(every, clock);
        var reported = "";
        do
        {
            try
            {
                var snapshot = await Read(stoppingToken);
                // Once per change, not every few seconds while RabbitMQ's management API is away.
                var problems = string.Join("; ", snapshot.Problems);
                if (problems != reported && problems.Length > 0) LogUnreadable(logger, problems);
                reported = problems;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    static object RegisterGauges()
    {
        static IEnumerable<Measurement<T>> From<T>(Func<OperationsSnapshot, IEnumerable<Measurement<T>>> read) where T : struct =>
            latest is { } snapshot ? read(snapshot) : [];

        CommerceMetrics.Observe("commerce.projection.lag", "s", "Age of the oldest event each async projection or relay has not yet processed.",
            () => From(s => s.Projections.Select(p => new Measurement<double>(p.LagSeconds, Tag("store", p.Store), Tag("projection", p.Name)))));
        CommerceMetrics.Observe("commerce.projection.lag.events", "{event}", "Events each async projection or relay has not yet processed.",
            () => From(s => s.Projections.Select(p => new Measurement<long>(p.LagEvents, Tag("store", p.Store), Tag("projection", p.Name)))));
        CommerceMetrics.Observe("commerce.store.leader", "{host}", "1 when this host leads the store's async work (projections, relay).",
            () => From(s => s.Leaders.Select(l => new Measurement<long>(l.Leads ? 1 : 0, Tag("store", l.Store)))));
        CommerceMetrics.Observe("commerce.saga.instances", "{instance}", "Saga instances by state.",
            () => From(s => s.Sagas.Select(c => new Measurement<long>(c.Instances, Tag("saga", c.Saga), Tag("state", c.State)))));
        CommerceMetrics.Observe("commerce.monitor.source.up", "", "1 when the operations monitor could read the source (database, rabbitmq_management) last time.",
            () => From(s => s.Sources.Select(m => new Measurement<long>(m.Up ? 1 : 0, Tag("source", m.Source)))));
        CommerceMetrics.Observe("commerce.error_queue.messages", "{message}", "Dead letters waiting in each error queue.",
            () => From(s => (s.ErrorQueues ?? []).Select(q => new Measurement<long>(q.Messages, Tag("queue", q.Queue)))));
        return new object();
    }

    static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations monitor could not read {Problems}")]
    static partial void LogUnreadable(ILogger logger, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations monitor failed to take a snapshot")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
