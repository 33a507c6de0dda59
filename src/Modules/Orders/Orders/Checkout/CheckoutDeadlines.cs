using System.Diagnostics;
using Commerce.BuildingBlocks.Telemetry;
using Commerce.BuildingBlocks.Background;
using Commerce.BuildingBlocks.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Orders.Checkout;

/// Fires checkout timeouts. Each deadline is stored on the checkout itself, so one that fell due
/// while no host was running fires as soon as one starts. The loop sleeps until the earliest stored
/// deadline, woken earlier when this host saves a checkout with a sooner one, and looks at least every
/// second for deadlines other hosts set. Every host may fire the same deadline; the checkout acts on
/// the first and ignores the rest (their step or attempt no longer match).
public sealed partial class CheckoutDeadlines(IOrdersStore store, IBus bus, Wakeup<CheckoutDeadlines> wakeup, TimeProvider clock,
    ILogger<CheckoutDeadlines> logger) : BackgroundService
{
    static readonly TimeSpan LookAtLeastEvery = TimeSpan.FromSeconds(1);
    static readonly TimeSpan LookAtMostEvery = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan WhileOverdue = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan Refire = TimeSpan.FromSeconds(10);

    readonly Dictionary<(Guid Checkout, string Step, int Attempt), DateTimeOffset> fired = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = LookAtLeastEvery;
            try
            {
                await FireDue(stoppingToken);
                next = await UntilNextDeadline(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(LookAtMostEvery, clock, stoppingToken);
                await wakeup.Wait(next - LookAtMostEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    async Task<TimeSpan> UntilNextDeadline(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var next = await session.Query<CheckoutState>()
            .Where(s => s.DeadlineAt != null)
            .OrderBy(s => s.DeadlineAt)
            .Select(s => s.DeadlineAt!.Value)
            .Take(1)
            .ToListAsync(ct);
        var wait = next.Count == 0 ? LookAtLeastEvery : next[0] - clock.GetUtcNow();
        // Still overdue right after firing: fired, and its checkout has not taken it yet (or cannot).
        if (wait <= TimeSpan.Zero) return WhileOverdue;
        return wait < LookAtLeastEvery ? wait : LookAtLeastEvery;
    }

    async Task FireDue(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var due = await session.Query<CheckoutState>()
            .Where(s => s.DeadlineAt != null && s.DeadlineAt <= now)
            .OrderBy(s => s.DeadlineAt)
            .Take(200)
            .ToListAsync(ct);
        foreach (var checkout in due)
        {
            var key = (checkout.CorrelationId, checkout.DeadlineStep ?? "", checkout.Attempt);
            if (fired.TryGetValue(key, out var at) && now - at < Refire) continue;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // As from the request that placed the order, so what the deadline causes carries its
            // correlation, user and trace.
            using var span = Tracing.Continue($"deadline {key.Item2}", ActivityKind.Producer, checkout.TraceParent);
            using var correlated = Correlated.Scope(logger, checkout.RequestCorrelationId);
            await bus.Publish(new CheckoutDeadlinePassed(checkout.OrderId, key.Item2, checkout.Attempt, now), publish =>
            {
                publish.Headers.Set(CommerceHeaders.CorrelationId, checkout.RequestCorrelationId);
                publish.Headers.Set(CommerceHeaders.UserId, checkout.PlacedBy);
            }, timeout.Token);
            fired[key] = now;
        }
        foreach (var stale in fired.Where(f => now - f.Value > Refire).Select(f => f.Key).ToList()) fired.Remove(stale);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fire checkout deadlines; trying again shortly")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
