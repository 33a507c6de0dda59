using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Orders.Checkout;

/// Fires checkout timeouts. Each deadline is stored on the checkout itself, so one that fell due
/// while no host was running fires as soon as one starts. Every host may fire the same deadline; the
/// checkout acts on the first and ignores the rest (their step or attempt no longer match).
public sealed partial class CheckoutDeadlines(IOrdersStore store, IBus bus, TimeProvider clock, ILogger<CheckoutDeadlines> logger)
    : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan Refire = TimeSpan.FromSeconds(10);

    readonly Dictionary<(Guid Checkout, string Step, int Attempt), DateTimeOffset> fired = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FireDue(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
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
            await bus.Publish(new CheckoutDeadlinePassed(checkout.OrderId, key.Item2, checkout.Attempt, now), timeout.Token);
            fired[key] = now;
        }
        foreach (var stale in fired.Where(f => now - f.Value > Refire).Select(f => f.Key).ToList()) fired.Remove(stale);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fire checkout deadlines; trying again shortly")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
