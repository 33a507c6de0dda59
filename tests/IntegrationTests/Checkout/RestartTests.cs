using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Checkout;

/// A host of its own (own database and virtual host), stopped and started again mid-checkout.
[Collection(AppHost.Name)]
public sealed class RestartTests : IAsyncLifetime
{
    readonly AppFixture own = new();

    public Task InitializeAsync() => own.InitializeAsync();

    public Task DisposeAsync() => own.DisposeAsync();

    [Fact]
    public async Task a_checkout_interrupted_by_a_host_restart_completes()
    {
        var sku = await new Catalog(own).Listed(stock: 3);
        var orderId = await new Shop(own).Order(sku, 1, "tok_visa");

        await own.StopHost();
        await own.StartHost();

        var shop = new Shop(own);
        await shop.CheckoutEndsIn(orderId, "confirmed");
        await shop.ProductSettles(sku, p => p.Number("sold") == 1 && p.Number("reserved") == 0, "stock committed");
    }

    [Fact]
    public async Task a_timeout_that_fell_due_while_no_host_ran_fires_after_the_restart()
    {
        var sku = await new Catalog(own).Listed(stock: 3);
        var orderId = await new Shop(own).Order(sku, 2, paymentMethod: null);
        var waiting = await new Shop(own).CheckoutEndsIn(orderId, "awaiting_payment");
        var due = waiting.GetProperty("deadline_at").GetDateTimeOffset();

        await own.StopHost();
        var untilDue = due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (untilDue > TimeSpan.Zero) await Task.Delay(untilDue);   // the deadline passes with no host running
        await own.StartHost();

        var shop = new Shop(own);
        var cancelled = await shop.CheckoutEndsIn(orderId, "cancelled");
        Assert.Equal("Payment was not received in time.", cancelled.GetProperty("failure_reason").GetString());
        await shop.ProductSettles(sku, p => p.Number("reserved") == 0 && p.Number("available") == 3, "stock released");
    }
}
