using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Role = Commerce.BuildingBlocks.Http.Access;

namespace Commerce.IntegrationTests.Access;

/// A host whose callers may send three commands, and get three more every ten seconds.
public sealed class RateLimitedApp : AppFixture
{
    public const int Budget = 3;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    protected override void Configure(IWebHostBuilder builder) => builder
        .UseSetting("RateLimit:TokenLimit", $"{Budget}")
        .UseSetting("RateLimit:TokensPerPeriod", $"{Budget}")
        .UseSetting("RateLimit:ReplenishmentPeriod", Period.ToString());
}

[CollectionDefinition(Name)]
public sealed class RateLimited : ICollectionFixture<RateLimitedApp>
{
    public const string Name = "rate limited";
}

[Collection(RateLimited.Name)]
public sealed class RateLimitTests(RateLimitedApp app)
{
    Task<Reply> AddProduct(Caller caller, string sku) => new Api(app, caller).Post("/api/v1/commands/add-product",
        new { command_id = Api.NewId("cmd"), product_id = sku, name = "Mug", price = 1m, currency = "EUR" });

    [Fact]
    public async Task a_caller_past_its_budget_gets_429_with_retry_after_and_is_served_again_once_it_refills()
    {
        var alice = new Caller(Api.NewId("operator"), [Role.Operator]);
        var bob = new Caller(Api.NewId("operator"), [Role.Operator]);
        var skus = Enumerable.Range(0, RateLimitedApp.Budget + 1).Select(_ => Api.NewId("sku")).ToList();

        // A bucket refills at fixed ticks from the caller's first command: a host's first commands are
        // slow enough to straddle one, so these run on a host that has served one already.
        await AddProduct(new Caller(Api.NewId("operator"), [Role.Operator]), Api.NewId("sku"));

        List<Reply> replies = [];
        foreach (var sku in skus) replies.Add(await AddProduct(alice, sku));
        var others = await AddProduct(bob, Api.NewId("sku"));
        var queries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => new Api(app, alice).Get("/api/v1/query/products")));

        Assert.All(replies.Take(RateLimitedApp.Budget), r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var refused = replies[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.StartsWith("application/problem+json", refused.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture), 1, (int)RateLimitedApp.Period.TotalSeconds);
        Assert.Equal(0, await new Api(app).EventCount("inventory", skus[^1]));
        Assert.Equal(HttpStatusCode.Accepted, others.Status);
        Assert.All(queries, q => Assert.Equal(HttpStatusCode.OK, q.Status));

        // Refused requests spend nothing: asking until it is served again is safe.
        var served = await Poll.Until(() => AddProduct(alice, skus[^1]), r => r.Status == HttpStatusCode.Accepted,
            RateLimitedApp.Period * 4, "the budget to refill");
        Assert.Equal(1, await new Api(app).EventCount("inventory", skus[^1]));
        Assert.Equal(HttpStatusCode.Accepted, served.Status);
    }

    [Fact]
    public async Task callers_without_a_valid_token_share_their_address_budget()
    {
        var anonymous = new Api(app, Caller.Anonymous);

        var replies = new List<Reply>();
        for (var i = 0; i <= RateLimitedApp.Budget; i++) replies.Add(await anonymous.Post("/api/v1/commands/add-product", new { }));

        Assert.All(replies.Take(RateLimitedApp.Budget), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, replies[^1].Status);
    }
}
