using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Commands that are well formed but refused by the state they meet: an id that does not exist, a
/// product that already does, an order in the wrong state, a stale expected version. Refused means
/// nothing written, exactly as for malformed input.
public static class StateCases
{
    static BadCase Post(string what, string route, string body, int status, params string[] fields) =>
        new($"POST {route} · {what}", new Attempt("POST", route, body), status, fields);

    public static IEnumerable<BadCase> All()
    {
        foreach (var route in JsonRoute.All.Where(r => r.ValidStatus == 404))
        {
            yield return new($"POST {route.Route} · an id that does not exist", route.Post(route.ValidBody), 404);
        }
        // The owner check answers it, with the handler's own text.
        yield return Post("an order that does not exist", "/api/v1/commands/process-payment",
            """{"command_id":"{cmd}","order_id":"{unknown_order}","payment_method":"tok_visa","amount":1}""", 404);
        yield return Post("an order that does not exist", "/api/v1/commands/cancel-order",
            """{"command_id":"{cmd}","order_id":"{unknown_order}","reason":"r"}""", 404);
        yield return Post("an order that does not exist, with a body that is not valid", "/api/v1/commands/cancel-order",
            """{"command_id":"{cmd}","order_id":"{unknown_order}"}""", 404);
        yield return Post("a product that already exists", "/api/v1/commands/add-product",
            """{"command_id":"{cmd}","product_id":"{sku}","name":"Again","price":1,"currency":"EUR"}""", 409);
        yield return Post("the price it already has", "/api/v1/commands/change-price",
            $$"""{"command_id":"{cmd}","product_id":"{sku}","price":{{Known.SkuPriceJson}}}""", 409);
        yield return Post("a stale expected_version", "/api/v1/commands/receive-stock",
            """{"command_id":"{cmd}","product_id":"{sku}","quantity":1,"expected_version":99}""", 409);
        yield return Post("an order id that is taken", "/api/v1/commands/create-order",
            $$"""{"command_id":"{cmd}","aggregate_id":"{open_order}","items":[{"product_id":"{sku}","quantity":1}],"email":"ada@example.test","shipping_address":{{AddressValues.Valid}}}""", 409);
        yield return Post("an amount that is not the order total", "/api/v1/commands/process-payment",
            """{"command_id":"{cmd}","order_id":"{open_order}","payment_method":"tok_visa","amount":1000}""", 400, "amount");
        yield return Post("a stale expected_version", "/api/v1/commands/process-payment",
            $$"""{"command_id":"{cmd}","order_id":"{open_order}","payment_method":"tok_visa","amount":{{Known.SkuPriceJson}},"expected_version":99}""", 409);
        yield return Post("an order that is not confirmed", "/api/v1/commands/ship-order",
            """{"command_id":"{cmd}","order_id":"{open_order}","tracking_number":"T1"}""", 409);
        yield return Post("a stale expected_version", "/api/v1/commands/cancel-order",
            """{"command_id":"{cmd}","order_id":"{open_order}","reason":"r","expected_version":99}""", 409);
        yield return new("POST /api/v1/events/append · shipping an order that is not confirmed", new Attempt("POST", "/api/v1/events/append",
            """{"aggregate_id":"{open_order}","events":[{"event_type":"OrderShipped","data":{"tracking_number":"T1"}}]}"""), 409);
        yield return new("POST /api/v1/events/append · a stale expected_version", new Attempt("POST", "/api/v1/events/append",
            """{"aggregate_id":"{open_order}","expected_version":99,"events":[{"event_type":"OrderCancelled","data":{"reason":"r"}}]}""",
            As: Caller.Admin), 409);
    }
}
