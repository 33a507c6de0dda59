using System.Text.Json;
using Commerce.IntegrationTests.Faults;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory.Contracts;
using Commerce.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Commerce.IntegrationTests.Operations;

/// The operations page in a real browser: it shows a checkout as it happens, a message parked in an
/// error queue, and its Replay button empties the queue once the cause is fixed.
[Collection(OpsPage.Name)]
public sealed class OpsPageTests(OpsBrowser ops)
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task the_page_shows_a_checkout_and_a_parked_message_and_its_replay_button_empties_the_error_queue()
    {
        var catalog = new Catalog(ops.Host);
        var shop = new Shop(ops.Host);
        var events = new EventLog(ops.Host);
        var poison = new PoisonMessages(ops.Services);
        using var browser = OpsBrowser.OpenChromium();
        browser.Navigate().GoToUrl(new Uri(ops.Address, "/ops"));
        browser.FindElement(By.Id("token")).SendKeys(Caller.Admin.Bearer() + Keys.Tab);

        var sku = await catalog.Listed(stock: 5);
        var order = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(order, "confirmed");
        await Shown(browser, $"#events li[data-stream='{order}']", _ => true, "the order's events in the live feed");
        await Shown(browser, "#confirmed", text => text != "0" && text != "–", "confirmed checkouts per second");
        await shop.Order(sku, 1, paymentMethod: null);
        await Shown(browser, "#sagas tr[data-state='AwaitingPayment'] td.n", text => text == "1", "a checkout awaiting payment");

        // Inventory refuses to commit stock an order does not hold, a domain error: parked at once.
        var stranded = Api.NewId("order");
        await poison.Publish(InventoryQueues.Checkout, Guid.NewGuid(), Envelope("CommitStock", new { orderId = stranded }));
        var count = $"#error-queues tr[data-queue='{InventoryQueues.Checkout}'] td.count";
        await Shown(browser, count, text => text == "1", "one dead letter in inventory.checkout_error");
        Screenshot(browser);
        var api = new Api(ops.Host);
        await Poll.Until(async () => (await api.Get("/metrics")).Text, scrape =>
                scrape.Contains("commerce_error_queue_messages{otel_scope_name=\"Commerce\",queue=\"inventory.checkout\"} 1", StringComparison.Ordinal)
                && scrape.Contains("commerce_saga_instances{otel_scope_name=\"Commerce\",saga=\"checkout\",state=\"AwaitingPayment\"} 1", StringComparison.Ordinal)
                && scrape.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal)
                && scrape.Contains("wolverine", StringComparison.Ordinal)
                && scrape.Contains("messaging_masstransit", StringComparison.Ordinal),
            Deadline, "the dead letter, the checkout in flight and ASP.NET Core's, Wolverine's and MassTransit's series in /metrics");

        // The cause fixed (the reservation made), the operator presses Replay and the commit goes through.
        await poison.Publish(InventoryQueues.Checkout, Guid.NewGuid(),
            Envelope("ReserveStock", new { orderId = stranded, lines = new[] { new { productId = sku, quantity = 1 } } }));
        await events.Eventually("inventory", $"reservation-{stranded}", t => t.Contains("order_stock_reserved"), "the stranded order's reservation");
        await Press(browser, $"#error-queues tr[data-queue='{InventoryQueues.Checkout}'] button.replay");

        await Shown(browser, count, text => text == "0", "inventory.checkout_error empty after the replay");
        await events.Eventually("inventory", $"reservation-{stranded}", t => t.Contains("order_stock_committed"), "the replayed commit");
        Assert.Contains("Replayed 1 message", browser.FindElement(By.Id("replay-status")).Text, StringComparison.Ordinal);

        // Each projection and relay shows its status, with a button that pauses or resumes it.
        var relay = "#projections tr[data-projection='payments/integration-relay']";
        await Shown(browser, $"{relay} td:nth-child(3)", text => text == "active", "Payments' relay active");
        Click(browser, $"{relay} button");
        await Shown(browser, $"{relay} td:nth-child(3)", text => text == "paused", "Payments' relay paused");
        Click(browser, $"{relay} button");
        await Shown(browser, $"{relay} td:nth-child(3)", text => text == "active", "Payments' relay resumed");
    }

    // The page redraws its tables every second: read an element's text in one step of the browser's own.
    static Task<string?> Shown(ChromeDriver browser, string selector, Func<string, bool> done, string what) =>
        Poll.Until(() => Task.FromResult(browser.ExecuteScript("return document.querySelector(arguments[0])?.textContent ?? null;", selector) as string),
            text => text is not null && done(text), Deadline, $"{what} on /ops ({selector})");

    // A click that lands as the table is redrawn finds the old button gone: press the new one.
    static Task<bool> Press(ChromeDriver browser, string selector) =>
        Poll.Until(() =>
        {
            try
            {
                browser.FindElement(By.CssSelector(selector)).Click();
                return Task.FromResult(true);
            }
            catch (StaleElementReferenceException)
            {
                return Task.FromResult(false);
            }
        }, pressed => pressed, Deadline, $"a press on {selector}");

    // A click in one step of the browser's own, so a redraw cannot come between finding and clicking.
    static void Click(ChromeDriver browser, string selector) =>
        Assert.Equal(true, browser.ExecuteScript("const b = document.querySelector(arguments[0]); if (!b) return false; b.click(); return true;", selector));

    // What a producer that does not use MassTransit writes: MassTransit's JSON envelope.
    static string Envelope(string type, object message) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { $"urn:message:Commerce.Inventory.Contracts:{type}" },
        message,
    });

    // Kept with the run's results, and where COMMERCE_OPS_SCREENSHOT says (the README's picture).
    static void Screenshot(ChromeDriver browser)
    {
        var shot = browser.GetScreenshot();
        var results = Path.Combine(HostProcess.RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(results);
        shot.SaveAsFile(Path.Combine(results, "ops-page.png"));
        if (Environment.GetEnvironmentVariable("COMMERCE_OPS_SCREENSHOT") is { Length: > 0 } path) shot.SaveAsFile(path);
    }
}
