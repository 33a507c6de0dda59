using System.Net;

namespace Commerce.IntegrationTests.Infrastructure;

/// Products listed in Inventory, waited for until Orders' catalog copy has them (it is fed through
/// RabbitMQ, so it lags the command by a moment).
public sealed class Catalog(IAppUnderTest app)
{
    readonly Api api = new(app);

    public async Task<string> Listed(decimal price = 9.50m, string currency = "EUR", int stock = 10)
    {
        var sku = Api.NewId("sku");
        var listed = await api.Post("/api/v1/commands/add-product",
            new { command_id = Api.NewId("cmd"), product_id = sku, name = $"Product {sku}", price, currency });
        Assert.Equal(HttpStatusCode.Accepted, listed.Status);
        if (stock > 0)
        {
            var received = await api.Post("/api/v1/commands/receive-stock", new { command_id = Api.NewId("cmd"), product_id = sku, quantity = stock });
            Assert.Equal(HttpStatusCode.Accepted, received.Status);
        }
        await InOrdersCatalog(sku);
        return sku;
    }

    public Task InOrdersCatalog(string sku, decimal? price = null, TimeSpan? deadline = null) =>
        Poll.Until(() => OrdersCatalogPrice(sku), p => p is not null && (price is null || p == price), deadline,
            $"'{sku}' in Orders' catalog{(price is null ? "" : $" at {price}")}");

    public async Task<decimal?> OrdersCatalogPrice(string sku)
    {
        var price = await Sql.Column(app, "orders.mt_doc_catalogproduct",
            "SELECT (data->>'UnitPrice') FROM orders.mt_doc_catalogproduct WHERE id = @id", ("id", sku));
        return price.Count == 0 ? null : decimal.Parse(price[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
