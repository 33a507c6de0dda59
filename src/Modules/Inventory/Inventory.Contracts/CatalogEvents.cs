namespace Commerce.Inventory.Contracts;

/// A product was listed in the catalog. Version is the product stream's version, so a consumer can
/// tell a late, older message from a newer one.
public sealed record ProductListedIntegrationEvent(string ProductId, string Name, decimal UnitPrice, string Currency, long Version, DateTimeOffset ListedAt);

/// A product's price changed.
public sealed record ProductPriceChangedIntegrationEvent(string ProductId, decimal UnitPrice, string Currency, long Version, DateTimeOffset ChangedAt);
