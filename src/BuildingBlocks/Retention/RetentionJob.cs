using Commerce.BuildingBlocks.Modules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.BuildingBlocks.Retention;

/// Runs every retention task, on any host, one host at a time: a session advisory lock, tried and
/// never waited for, on a connection of its own. Each task works in batches of short transactions,
/// so a long run holds up nothing else. The admin route runs it at once.
public sealed partial class RetentionJob(ModuleStores stores, IEnumerable<IRetentionTask> tasks, IOptions<RetentionOptions> options,
    TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    // Distinct from the daemons' leader locks (Marten's 4444 plus each store's).
    public const long LockId = 7_262_016;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                await RunOnce(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
        }
    }

    public async Task<RetentionReport> RunOnce(CancellationToken ct)
    {
        var handled = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = (NpgsqlConnection)stores.All[0].Store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        if (!await Scalar(connection, "SELECT pg_try_advisory_lock(@id)", ct))
            return new RetentionReport(false, "Another host is running the retention job.", handled);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var task in tasks)
            {
                handled[task.Name] = await task.Run(options.Value, now, ct);
                LogRan(logger, task.Name, handled[task.Name]);
            }
            return new RetentionReport(true, null, handled);
        }
        finally
        {
            // The pool does not reset a connection's session (NoResetOnClose): unlock before it goes back.
            await Scalar(connection, "SELECT pg_advisory_unlock(@id)", CancellationToken.None);
        }
    }

    static async Task<bool> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", LockId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Task} handled {Count}")]
    static partial void LogRan(ILogger logger, string task, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention job failed; it runs again at the next interval")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
