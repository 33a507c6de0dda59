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
        // more statement per command. Nothing of ours leaves session state on a pooled connection (the
        // daemon's leader lock is transaction-scoped: UseAdvisoryLockTransaction below).
        options.Connection(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // Leader election (HotCold daemon) with the bridged DistributedLock.Postgres needs this.
        options.Events.UseAdvisoryLockTransaction = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Schema.For<Commands.ProcessedCommand>().Identity(c => c.Id);
        // Known up front, so the daemon can read every stored event even before this process
        // appended one of its type; and never skip an event it cannot read: the relay must not
        // lose one (a bad event stops the store's async work until it is fixed, loudly).
        options.Events.AddEventTypes(eventTypes);
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        // A rolled-back append leaves a gap in the event sequence. Marten waits for a gap while any
        // older transaction is alive, and the leader's advisory-lock transaction (above) always is,
        // so without a cap one failed commit would stop the store's relay and projections for good.
        // Five seconds of waiting is far longer than any of our appends takes to commit.
        options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = TimeSpan.FromSeconds(5);
    }
}
