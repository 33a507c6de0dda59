using JasperFx.Events;
using Marten;
using Npgsql;

namespace Commerce.BuildingBlocks.Modules;

/// The conventions every module store shares; each module adds its own projections.
public static class ModuleStore
{
    public static void Configure(StoreOptions options, string connectionString, string schema, IEnumerable<Type> eventTypes)
    {
        // Npgsql otherwise resets a connection's session state each time it goes back to the pool: one
        // more statement per command. Nothing of ours leaves session state on a pooled connection: the
        // daemon's leader lock (below) keeps its connection out of the pool while held and unlocks it
        // explicitly before giving it back.
        //
        // Every statement is one of a few hundred shapes (Marten's appends, loads, upserts, the daemon's
        // checks), run thousands of times a second under load: prepared on each connection after its
        // second use, PostgreSQL stops parsing and planning them each time (its largest cost per
        // checkout before, measured in docs/benchmarks/improvements.md).
        options.Connection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 200,
            AutoPrepareMinUsages = 2,
        }.ConnectionString);
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // The leader of a store's async work (HotCold daemon) holds a session advisory lock on an idle
        // connection. A transaction-scoped lock would be an endless open transaction, which every
        // store's gap check in this database reads as a writer that might still fill a gap.
        options.Events.UseAdvisoryLockTransaction = false;
        // A session lock dies with its connection (a PostgreSQL restart): the monitor notices, so the
        // old leader steps down instead of running beside the host that takes the lock next.
        options.Events.UseMonitoredAdvisoryLock = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        // Pruned by age (Retention): the last modification is when the command was first processed.
        options.Schema.For<Commands.ProcessedCommand>().Identity(c => c.Id).IndexLastModified();
        options.Schema.For<SubscriptionPause>();
        // The daemon records each subscription's state (running, stopped, paused after failures) in its
        // progression row on every change of state (not periodically), so any host can report it.
        options.Events.EnableExtendedProgressionTracking = true;
        // Archived streams (Retention) move to a partition of their own, so the table every append,
        // load and daemon page reads holds the live streams only. Every reader that must see them too
        // says so (IncludeArchivedEvents, MaybeArchived).
        options.Events.UseArchivedStreamPartitioning = true;
        // Known up front, so the daemon can read every stored event even before this process
        // appended one of its type; and never skip an event it cannot read: the relay must not
        // lose one (a bad event stops the store's async work until it is fixed, loudly).
        options.Events.AddEventTypes(eventTypes);
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        // A rolled-back append leaves a gap in the event sequence. Marten passes a gap once it is older
        // than this and no transaction that could still fill it is alive; a live writer, however slow,
        // is waited for. No cap on that wait: skipping a live writer's gap loses its events for good.
        options.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);
        // Push, not poll: a commit that appends events wakes the store's leading daemon at once, so a hop
        // between modules costs milliseconds on a quiet system too; the daemon's polling (250 ms busy,
        // 1 s idle) stays as the safety net.
        var wakeup = new AppendWakeup(connectionString, $"{schema}_events_appended");
        options.Projections.Wakeup = wakeup;
        options.Listeners.Add(new NotifyOnAppend(wakeup));
        options.Listeners.Add(new Telemetry.CountAppends(schema));
    }
}
