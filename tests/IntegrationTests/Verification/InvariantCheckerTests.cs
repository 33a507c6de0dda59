using System.Diagnostics;
using System.Net;
using Commerce.Verification;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Inventory;
using Commerce.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Verification;

[Collection(AppHost.Name)]
public sealed class InvariantCheckerTests(AppFixture app)
{
    readonly Api api = new(app);
    readonly Catalog catalog = new(app);
    readonly Shop shop = new(app);
    readonly InvariantChecker checker = app.Host.Services.GetRequiredService<InvariantChecker>();

    [Fact]
    public async Task after_checkouts_that_end_every_way_every_invariant_holds_and_the_admin_route_says_so()
    {
        var sku = await catalog.Listed(price: 10m, stock: 10);
        var scarce = await catalog.Listed(stock: 1);

        string[] orders = await Task.WhenAll(
            shop.Order(sku, 2, "tok_visa"),
            shop.Order(sku, 1, "tok_chargeDeclined"),
            shop.Order(scarce, 3, "tok_visa"),
            shop.Order(sku, 1, "tok_slow"),
            shop.Order(sku, 1, paymentMethod: null));
        await shop.CheckoutEndsIn(orders[4], "awaiting_payment");
        var cancelled = await shop.Customer.Post("/api/v1/commands/cancel-order", new { command_id = Api.NewId("cmd"), order_id = orders[4], reason = "changed my mind" });

        Assert.Equal(HttpStatusCode.Accepted, cancelled.Status);
        var report = await Invariants.AssertHold(app, orders);
        Assert.Equal((orders.Length, 2), (report.Checked.Orders, report.Checked.Products));
        var query = string.Join("&", orders.Select(o => $"order_id={o}")) + "&quiet_seconds=0";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Verify(query, Caller.Anonymous)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Verify(query, Caller.Customer("user-1"))).Status);
        var verified = await Verify(query);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.True(verified.Body.GetProperty("ok").GetBoolean(), verified.Text);
        Assert.Equal(orders.Length, verified.Body.GetProperty("checked").GetProperty("orders").GetInt32());
        Assert.Equal(0, verified.Body.GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public async Task stock_reserved_behind_the_reservations_back_is_reported()
    {
        var sku = await catalog.Listed(stock: 5);
        var stray = Api.NewId("order");

        await using (var session = app.Host.Services.GetRequiredService<IInventoryStore>().LightweightSession())
        {
            session.Events.Append(sku, new StockReserved(sku, stray, 2, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var verified = await Verify($"sku={sku}&quiet_seconds=0");
        Assert.False(verified.Body.GetProperty("ok").GetBoolean());
        var violation = Assert.Single(verified.Body.GetProperty("violations").EnumerateArray());
        Assert.Equal(("reserved", sku), (violation.Str("rule"), violation.Str("subject")));
        Assert.Equal($"reserved is 2 for {stray}: 2, but the open reservations hold 0 for no order", violation.Str("message"));
    }

    [Fact]
    public async Task a_confirmed_order_whose_charge_was_refunded_is_reported_by_the_checker_and_the_command_line()
    {
        var sku = await catalog.Listed(price: 7m, stock: 5);
        var healthy = await shop.Order(sku, 1);
        var broken = await shop.Order(sku, 1);
        await Invariants.AssertHold(app, [healthy, broken]);

        await using (var session = app.Host.Services.GetRequiredService<IPaymentsStore>().LightweightSession())
        {
            session.Events.Append(broken, new PaymentRefunded(broken, 7m, "refunded behind the checkout's back", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var report = await checker.Check(new VerificationScope([healthy, broken]), TimeSpan.Zero, CancellationToken.None);
        var violation = Assert.Single(report.Violations);
        Assert.Equal(new Violation("confirmed_without_charge", broken, "the order is confirmed, but its payment is refunded"), violation);
        var (exitCode, output) = await CommandLine("verify", "--order", broken, healthy, "--quiet-seconds", "0");
        Assert.True(exitCode == 1, output);
        Assert.Contains("1 violation(s): checked 1 products, 2 reservations, 2 payments, 2 settled orders (0 in flight)", output, StringComparison.Ordinal);
        Assert.Contains($"[confirmed_without_charge] {broken}: the order is confirmed, but its payment is refunded", output, StringComparison.Ordinal);
    }

    Task<Reply> Verify(string query, Caller? caller = null) => new Api(app, caller ?? Caller.Admin).Get($"/api/v1/admin/verify?{query}");

    // The host's own command line, as an operator runs it, against this run's database.
    async Task<(int ExitCode, string Output)> CommandLine(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["Commerce.Host.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Postgres"] = app.Services.ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
