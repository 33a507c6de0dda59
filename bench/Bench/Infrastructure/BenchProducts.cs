using Commerce.Inventory;
using Marten;

namespace Commerce.Bench.Infrastructure;

public static class BenchProducts
{
    /// One product stream per writer, fresh for every run, so every variant appends to streams of the same length.
    public static async Task<string[]> Start(IDocumentStore store, int count, string prefix)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
        await using var session = store.LightweightSession();
        foreach (var id in ids) session.Events.StartStream<Product>(id, new ProductListed(id, "Bench mug", 10m, "EUR", TimeProvider.System.GetUtcNow()));
        await session.SaveChangesAsync();
        return ids;
    }
}
