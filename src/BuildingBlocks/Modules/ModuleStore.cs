using JasperFx.Events;
using Marten;

namespace Commerce.BuildingBlocks.Modules;

/// The conventions every module store shares; each module adds its own projections.
public static class ModuleStore
{
    public static void Configure(StoreOptions options, string connectionString, string schema)
    {
        options.Connection(connectionString);
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
    }
}
