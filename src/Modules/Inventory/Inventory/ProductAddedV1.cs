namespace Commerce.Inventory;

/// Version 1 of ProductListed, as the first catalog stored it ("product_added"): no currency, every
/// price was in euros. Stored v1 events stay as they are; Marten reads them as ProductListed through
/// the upcaster registered in InventoryModule, so no code below the store ever sees this type.
public sealed record ProductAddedV1(string ProductId, string Name, decimal Price, DateTimeOffset AddedAt)
{
    public const string StoredName = "product_added";

    public ProductListed ToCurrent() => new(ProductId, Name, Price, "EUR", AddedAt);
}
