using Commerce.Testing;

namespace Commerce.Inventory.Tests;

// Builds state the way the running system does: Marten folds the events (an event the aggregate has no
// Apply for fails the fold instead of being skipped silently).
public static class Given
{
    public static Product Product(params object[] events) => events is [ProductListed listed, ..]
        ? MartenReplay.Fold<Product>(listed.ProductId, events)
        : throw new ArgumentException("A product's history starts with ProductListed.", nameof(events));

    public static Product Apply(Product product, object @event) => Apply(product, [@event]);

    public static Product Apply(Product product, IEnumerable<object> events) => MartenReplay.Fold(product.Id, [.. events], product);
}
