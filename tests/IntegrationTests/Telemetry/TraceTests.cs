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

        var placed = await api.AsCustomer("alice").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "alice", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
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

    // The request's correlation id and trace id are in the scope of what is logged while the checkout
    // runs: on the HTTP request, and in the consumers and saga that handle its messages.
    [Fact]
    public async Task logs_written_during_a_checkout_carry_its_trace_id_and_correlation_id()
    {
        var sku = await catalog.Listed(stock: 2);
        var trace = ActivityTraceId.CreateRandom();
        var correlation = Api.NewId("corr");

        var placed = await api.AsCustomer("alice").Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), user_id = "alice", items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = "tok_visa",
            email = Recipient.Email, shipping_address = Recipient.Address,
        }, ("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"), ("X-Correlation-Id", correlation));
        await shop.CheckoutEndsIn(placed.Body.Str("aggregate_id"), "confirmed");

        var logged = await Poll.Until(() => Task.FromResult(app.Logs.Lines.Where(l => l.Scope.GetValueOrDefault("CorrelationId") == correlation).ToList()),
            lines => lines.Any(l => l.Category.StartsWith("MassTransit", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
            $"log lines of the checkout's messages with correlation id {correlation}");

        Assert.All(logged, l => Assert.Equal(trace.ToString(), l.Scope.GetValueOrDefault("TraceId")));
    }

    static bool Names(Activity span, string name) =>
        span.DisplayName.Contains(name, StringComparison.Ordinal)
        || span.OperationName.Contains(name, StringComparison.Ordinal)
        || span.TagObjects.Any(t => t.Value?.ToString()?.Contains(name, StringComparison.Ordinal) == true);
}
