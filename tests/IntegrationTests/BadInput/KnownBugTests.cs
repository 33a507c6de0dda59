using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// Bad input that still gets a 500, from code outside the bad-input fixes' files. Each fact is skipped
/// until its fix lands; then drop the Skip (and, if you like, move the case into the corpus).
[Collection(AppHost.Name)]
public sealed class KnownBugTests(AppFixture app)
{
    readonly Api api = new(app);

    [Fact(Skip = "500: OrdersByUserEndpoint computes (page - 1) * page_size in int, which overflows to a negative OFFSET " +
        "(src/Modules/Orders/Orders/OrdersByUser.cs): cap page, or compute the offset in long.")]
    public async Task a_page_beyond_any_order_is_a_4xx_or_an_empty_page()
    {
        var reply = await api.Get("/api/v1/query/orders/user-x?page=2147483647&page_size=100");

        Assert.True((int)reply.Status < 500, $"{reply}");
    }

    [Fact(Skip = "500: AppendEndpoint reads EventType of a null event (src/Host/EventStore/AppendEndpoint.cs, `is not [var e]`): " +
        "match `[{ } e]`, or treat a null event as 'append one event per request'.")]
    public async Task an_append_of_a_null_event_is_a_400()
    {
        var reply = await api.PostRaw("/api/v1/events/append", """{"aggregate_id":"order-x","events":[null]}""", "application/json",
            ("X-Admin-Key", Known.Admin));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }
}
