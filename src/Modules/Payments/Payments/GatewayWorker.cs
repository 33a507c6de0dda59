using System.Diagnostics;
using Commerce.BuildingBlocks.Telemetry;
using Commerce.BuildingBlocks.Background;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Payments;

// Schedules the pending gateway calls: takes the due ones as soon as this host commits one (else polls
// slowly, for calls of other hosts and retries), claims each under a lease, and has the GatewayCaller
// make many at once (bounded). A call is made at least once; a repeat (after a crash, a
// lost lease or a failure) is harmless because the gateway answers the same order the same way and
// every decision ignores an outcome already recorded.
public sealed partial class GatewayWorker(
    IPaymentsStore store, GatewayCaller caller, GatewayOptions options, Wakeup<GatewayWorker> wakeup, TimeProvider time,
    ILogger<GatewayWorker> logger) : BackgroundService
{
    const int MaxConcurrentCalls = 32;
    static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    // Only this loop touches it, so it needs no lock.
    readonly Dictionary<string, Task> inFlight = [];

    // Outlasts the call's timeout plus its recording, so no other host takes a call still in progress.
    TimeSpan Lease => options.CallTimeout + TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ClaimDueCalls(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPollFailed(logger, e);
                }
                await wakeup.Wait(PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(inFlight.Values);
        }
    }

    async Task ClaimDueCalls(CancellationToken stopping)
    {
        foreach (var done in inFlight.Where(c => c.Value.IsCompleted).Select(c => c.Key).ToList()) inFlight.Remove(done);
        var room = MaxConcurrentCalls - inFlight.Count;
        if (room <= 0) return;

        var now = time.GetUtcNow();
        IReadOnlyList<PendingGatewayCall> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<PendingGatewayCall>().Where(c => c.DueAt <= now).OrderBy(c => c.DueAt).Take(room).ToListAsync(stopping);
        }
        foreach (var candidate in due.Where(c => !inFlight.ContainsKey(c.Id)))
        {
            if (await Claim(candidate.Id, now, stopping) is { } claimed)
            {
                inFlight[claimed.Id] = Run(claimed, stopping);
            }
        }
    }

    async Task<PendingGatewayCall?> Claim(string id, DateTimeOffset now, CancellationToken stopping)
    {
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<PendingGatewayCall>(id, stopping);
        if (current is null || current.DueAt > now) return null;
        var claimed = current with { DueAt = now + Lease, Attempts = current.Attempts + 1 };
        session.Store(claimed);
        try
        {
            await session.SaveChangesAsync(stopping);
            return claimed;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return null;
        }
    }

    async Task Run(PendingGatewayCall call, CancellationToken stopping)
    {
        // Off the polling loop at once, whatever the gateway does before its first await.
        await Task.Yield();
        // The call continues the trace of the checkout that asked for it, not the worker's poll.
        using var span = Tracing.Continue($"gateway {call.Kind}", ActivityKind.Client, call.TraceParent);
        span?.SetTag("commerce.order_id", call.Id);
        using var correlated = Correlated.Scope(logger, call.CorrelationId);
        try
        {
            await caller.Make(call, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Cut short by the shutdown: due again at once, so another host (or the restart) need not
            // wait out the lease. Whether the gateway acted is unknown; calling again is harmless.
            await Release(call, TimeSpan.Zero);
        }
        catch (Exception e)
        {
            var retryIn = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(Math.Pow(2, Math.Min(call.Attempts, 10))).Ticks, MaxBackoff.Ticks));
            LogCallFailed(logger, e, call.Kind, call.Id, call.Attempts, retryIn);
            await Release(call, retryIn);
        }
        finally
        {
            // Room for another call: there may be due ones waiting for it.
            wakeup.Signal();
        }
    }

    async Task Release(PendingGatewayCall claimed, TimeSpan retryIn)
    {
        try
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<PendingGatewayCall>(claimed.Id);
            // Finished or taken over by another host since: not ours to move.
            if (current != claimed) return;
            session.Store(current with { DueAt = time.GetUtcNow() + retryIn });
            await session.SaveChangesAsync();
        }
        catch (Exception e)
        {
            // The claim still expires on its own; this only brings the retry forward.
            LogReleaseFailed(logger, e, claimed.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Payments' gateway worker could not poll for due calls")]
    static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Kind} for order {OrderId} failed (attempt {Attempt}); retrying in {RetryIn}")]
    static partial void LogCallFailed(ILogger logger, Exception exception, GatewayCallKind kind, string orderId, int attempt, TimeSpan retryIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the gateway call for order {OrderId}; it is retried when its lease ends")]
    static partial void LogReleaseFailed(ILogger logger, Exception exception, string orderId);
}
