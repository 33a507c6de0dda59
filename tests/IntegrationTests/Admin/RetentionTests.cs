using System.Net;
using System.Text.Json;
using Commerce.BuildingBlocks.Retention;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Commerce.IntegrationTests.Admin;

/// A host whose retention periods are a second long and whose job runs only when asked (the admin
/// route), so a test decides when it runs.
public sealed class RetentionApp : AppFixture
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Retention:ArchiveOrdersAfter", Period.ToString());
        builder.UseSetting("Retention:IdempotencyWindow", Period.ToString());
        builder.UseSetting("Retention:CheckoutsKeptFor", Period.ToString());
        builder.UseSetting("Retention:Interval", TimeSpan.FromDays(1).ToString());
        builder.UseSetting("Retention:BatchSize", "2");
        // An order waiting for payment stays open for the whole test.
        builder.UseSetting("Checkout:PaymentWaitTimeout", TimeSpan.FromHours(1).ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class Retention : ICollectionFixture<RetentionApp>
{
    public const string Name = "retention";
}

/// What grows without bound is pruned or archived: ended orders' streams move to the archived
/// partition (still readable on request, and every reader that must see them does), command ids past
/// the idempotency window are forgotten, finished checkouts past their retention are deleted; one
/// host at a time runs the job.
[Collection(Retention.Name)]
public sealed class RetentionTests(RetentionApp app)
{
    readonly Api api = new(app);
    readonly Api admin = new Api(app).As(Caller.Admin);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);

    [Fact]
    public async Task an_ended_orders_stream_is_archived_and_stays_readable_where_it_must()
    {
        var sku = await catalog.Listed(stock: 5);
        var ended = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(ended, "confirmed");
        var shipped = await api.Post("/api/v1/commands/ship-order", new { command_id = Api.NewId("cmd"), order_id = ended, tracking_number = "T-1" });
        Assert.Equal(HttpStatusCode.Accepted, shipped.Status);
        var open = await shop.Order(sku, 1, paymentMethod: null);
        await shop.CheckoutEndsIn(open, "awaiting_payment");

        await Poll.Until(async () => { await Run(); return await IsArchived(ended); }, archived => archived, TimeSpan.FromSeconds(30), $"{ended} archived");

        Assert.False(await IsArchived(open));
        Assert.Equal(0L, await Sql.Scalar<long>(app, "SELECT count(*) FROM orders.mt_events WHERE stream_id = @id AND NOT is_archived", ("id", ended)));
        var hidden = await admin.Get($"/api/v1/events/{ended}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.Contains("include_archived=true", hidden.Detail, StringComparison.Ordinal);
        var shown = await shop.Customer.Get($"/api/v1/events/{ended}?include_archived=true");
        Assert.True(shown.Body.GetProperty("archived").GetBoolean());
        Assert.Equal(["OrderPlaced", "OrderShipped"], EventTypes(shown).Where(t => t is "OrderPlaced" or "OrderShipped"));
        Assert.Equal("shipped", (await shop.Customer.Get($"/api/v1/query/order-details/{ended}")).Body.Str("status"));
        Assert.Equal("placed", (await shop.Customer.Get($"/api/v1/query/order-details/{ended}?at_version=1")).Body.Str("status"));

        // The id stays taken, the modules still agree, and the relay, the checkout and a rebuild go on.
        var reused = await shop.Customer.Post("/api/v1/commands/create-order", new
        {
            command_id = Api.NewId("cmd"), aggregate_id = ended, items = new[] { new { product_id = sku, quantity = 1 } },
            email = Recipient.Email, shipping_address = Recipient.Address,
        });
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        var cancel = await shop.Customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = ended, reason = "too late" });
        Assert.Equal(HttpStatusCode.NotFound, cancel.Status);
        await Invariants.AssertHold(app, [ended]);
        var later = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(later, "confirmed");
        Assert.Equal(HttpStatusCode.OK, (await admin.Post("/api/v1/admin/projections/orders/UserActivity/rebuild", new { })).Status);
        var activity = await shop.Customer.Get($"/api/v1/query/user-activity/{shop.User}");
        Assert.Contains(ended, activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_command_id_past_the_idempotency_window_is_a_new_command()
    {
        var sku = await catalog.Listed(stock: 5);
        var body = new
        {
            command_id = Api.NewId("cmd"), items = new[] { new { product_id = sku, quantity = 1 } }, payment_method = (string?)null,
            email = Recipient.Email, shipping_address = Recipient.Address,
        };
        var first = await shop.Customer.Post("/api/v1/commands/create-order", body);
        var repeat = await shop.Customer.Post("/api/v1/commands/create-order", body);
        Assert.Equal(first.Body.Str("aggregate_id"), repeat.Body.Str("aggregate_id"));

        await Poll.Until(async () => { await Run(); return await Processed(body.command_id); }, n => n == 0, TimeSpan.FromSeconds(30), "the command id forgotten");
        var after = await shop.Customer.Post("/api/v1/commands/create-order", body);

        Assert.Equal(HttpStatusCode.Accepted, after.Status);
        Assert.NotEqual(first.Body.Str("aggregate_id"), after.Body.Str("aggregate_id"));
    }

    [Fact]
    public async Task a_finished_checkout_is_deleted_after_its_retention_and_one_in_flight_is_kept()
    {
        var sku = await catalog.Listed(stock: 5);
        var finished = await shop.Order(sku, 1);
        await shop.CheckoutEndsIn(finished, "confirmed");
        var waiting = await shop.Order(sku, 1, paymentMethod: null);
        await shop.CheckoutEndsIn(waiting, "awaiting_payment");

        await Poll.Until(async () => { await Run(); return (await api.Get($"/api/v1/query/checkouts/{finished}")).Status; },
            status => status == HttpStatusCode.NotFound, TimeSpan.FromSeconds(30), "the finished checkout deleted");

        Assert.Equal("awaiting_payment", (await api.Get($"/api/v1/query/checkouts/{waiting}")).Body.Str("state"));
    }

    [Fact]
    public async Task one_host_at_a_time_runs_the_job()
    {
        await using (var other = new NpgsqlConnection(app.Services.ConnectionString))
        {
            await other.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionJob.LockId})", other)) await take.ExecuteNonQueryAsync();

            var skipped = await admin.Post("/api/v1/admin/retention/run", new { });

            Assert.False(skipped.Body.GetProperty("ran").GetBoolean());
            Assert.Contains("Another host", skipped.Body.Str("reason"), StringComparison.Ordinal);
            // A pooled connection keeps its session, and so the lock, until it is reset: let go of it.
            await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionJob.LockId})", other)) await release.ExecuteNonQueryAsync();
        }
        Assert.True((await admin.Post("/api/v1/admin/retention/run", new { })).Body.GetProperty("ran").GetBoolean());
    }

    async Task Run()
    {
        var report = await admin.Post("/api/v1/admin/retention/run", new { });
        Assert.Equal(HttpStatusCode.OK, report.Status);
    }

    Task<bool> IsArchived(string stream) =>
        Sql.Scalar<bool>(app, "SELECT coalesce((SELECT is_archived FROM orders.mt_streams WHERE id = @id), false)", ("id", stream));

    Task<long> Processed(string commandId) =>
        Sql.Scalar<long>(app, "SELECT count(*) FROM orders.mt_doc_processedcommand WHERE id = @id", ("id", commandId));

    static IEnumerable<string> EventTypes(Reply reply) => reply.Body.GetProperty("events").EnumerateArray().Select(e => e.Str("event_type"));
}
