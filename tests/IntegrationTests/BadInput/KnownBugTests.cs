using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Bad input that once got a 500, kept as regression tests.
[Collection(AppHost.Name)]
public sealed class KnownBugTests(AppFixture app)
{
    readonly Api api = new(app);

    [Fact]
    public async Task a_page_beyond_any_order_is_a_4xx_or_an_empty_page()
    {
        var reply = await api.Get("/api/v1/query/orders/user-x?page=2147483647&page_size=100");

        Assert.True((int)reply.Status < 500, $"{reply}");
    }

    [Fact]
    public async Task an_append_of_a_null_event_is_a_400()
    {
        var reply = await api.PostRaw("/api/v1/events/append", """{"aggregate_id":"order-x","events":[null]}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }
}
