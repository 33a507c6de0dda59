using System.Diagnostics;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Telemetry;

[Collection(Traced.Name)]
public sealed class TraceTests(TracedApp app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    // The event store sits in the middle of a checkout: each event keeps the traceparent of the span
    // that appended it, and the relay, the gateway call and the saga continue that trace.
    [Fact]
    public async Task one_checkout_is_one_trace_from_the_request_to_the_confirmation()
    {
        var sku = await catalog.Listed(stock: 2);
        var trace = ActivityTraceId.CreateRandom();

        var placed = await api.Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "alice", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
        }, ("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));
        var orderId = placed.Body.Str("aggregate_id");
        await shop.CheckoutEndsIn(orderId, "confirmed");

        // A span is exported when it ends: wait for the stock's commit, the checkout's last step.
        string[] expected = ["create-order", "ReserveStockForOrder", "ChargePayment", "gateway Charge", "RecordGatewayAnswer",
            "relay order_confirmed", "CommitStockForOrder"];
        var spans = await Poll.Until(() => Task.FromResult(app.Trace(trace)), s => expected.All(name => s.Any(span => Names(span, name))),
            what: $"spans named {string.Join(", ", expected)} in trace {trace}");

        Assert.Contains(spans, s => s.Kind == ActivityKind.Server);
    }

    static bool Names(Activity span, string name) =>
        span.DisplayName.Contains(name, StringComparison.Ordinal)
        || span.OperationName.Contains(name, StringComparison.Ordinal)
        || span.TagObjects.Any(t => t.Value?.ToString()?.Contains(name, StringComparison.Ordinal) == true);
}
