using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.BuildingBlocks.Modules;

/// Holds every store's admin pauses on whichever host leads the store's async work: each second it
/// stops (drains) a running subscription that is paused and starts again one it stopped once the pause
/// is lifted. A stopped agent stays registered with the daemon, so the coordinator does not restart
/// it; a new leader starts everything and is brought in line on its next round. A start resumes from
/// the subscription's checkpoint, so nothing committed meanwhile is skipped.
public sealed partial class SubscriptionPauses(ModuleStores stores, TimeProvider clock, ILogger<SubscriptionPauses> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Agents this host stopped for a pause (by store and shard): only those are started again here.
    readonly ConcurrentDictionary<(string Store, string Shard), bool> stopped = new();

    /// The shards of the store this host holds stopped for a pause: it leads the store even when it runs
    /// nothing of it.
    public IReadOnlyList<string> HeldPaused(string store) => [.. stopped.Keys.Where(k => k.Store == store).Select(k => k.Shard).Order(StringComparer.Ordinal)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var store in stores.All)
            {
                try
                {
                    await Enforce(store, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogEnforceFailed(logger, e, store.Name);
                }
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task Enforce(RegisteredStore store, CancellationToken ct)
    {
        var daemon = store.Coordinator.DaemonForMainDatabase();
        var agents = daemon.CurrentAgents();
        if (!await store.LeadsAsync())
        {
            // The lock went to another host: the coordinator stopped what ran here; what this host held
            // stopped for a pause is let go of too, so a resume is never started here.
            foreach (var agent in agents.Where(a => stopped.TryRemove((store.Name, a.Name.Identity), out _)))
                await daemon.StopAgentAsync(agent.Name.Identity);
            return;
        }
        if (agents.Count == 0) return;
        await using var session = store.Store.QuerySession();
        var paused = (await session.Query<SubscriptionPause>().Select(p => p.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            var key = (store.Name, agent.Name.Identity);
            if (paused.Contains(agent.Name.Name) && agent.Status == JasperFx.AgentStatus.Running)
            {
                // Held before the stop: a stop that fails half-way still leaves it to be started on resume.
                stopped[key] = true;
                await agent.StopAndDrainAsync(ct);
                LogPaused(logger, store.Name, agent.Name.Identity, agent.Position);
            }
            else if (!paused.Contains(agent.Name.Name) && stopped.TryRemove(key, out _) && agent.Status != JasperFx.AgentStatus.Running)
            {
                await daemon.StartAgentAsync(agent.Name.Identity, ct);
                LogResumed(logger, store.Name, agent.Name.Identity);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paused {Store} {Shard} at sequence {Position} (an admin's pause)")]
    static partial void LogPaused(ILogger logger, string store, string shard, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Store} {Shard} from its checkpoint")]
    static partial void LogResumed(ILogger logger, string store, string shard);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the subscription pauses of {Store}")]
    static partial void LogEnforceFailed(ILogger logger, Exception exception, string store);
}
