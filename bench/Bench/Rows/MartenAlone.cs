using Commerce.Inventory;
using JasperFx.Events;
using Marten;

namespace Commerce.Bench.Rows;

/// Marten with nothing of ours: a bare store (own schema, no projection, no metadata) where a session
/// loads the stream for writing, appends the same event and commits.
public sealed class MartenAlone : IDisposable
{
    readonly DocumentStore store;

    public MartenAlone(string connectionString, string schema = "bench_marten", Action<StoreOptions>? configure = null)
    {
        store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            configure?.Invoke(options);
        });
    }

    public IDocumentStore Store => store;

    public Task Create() => store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    public string Serialize(object data) => store.Options.Serializer().ToJson(data);

    public Task<string[]> Products(int count, string prefix) => Infrastructure.BenchProducts.Start(store, count, prefix);

    public async Task<bool> Append(string productId)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Product>(productId);
        stream.AppendOne(new StockReceived(productId, 1, TimeProvider.System.GetUtcNow()));
        await session.SaveChangesAsync();
        return true;
    }

    public void Dispose() => store.Dispose();
}
