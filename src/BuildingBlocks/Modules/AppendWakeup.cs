using Commerce.BuildingBlocks.Background;
using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Weasel.Core;
using Weasel.Storage;

namespace Commerce.BuildingBlocks.Modules;

/// Push, not poll: every commit that appends events to a module store notifies that store's channel,
/// and the daemon leading the store waits on it instead of sleeping out its polling interval.
///
/// Ours rather than Marten's UseListenNotifyForEventAppends, which measured a 1 s tail on one idle
/// checkout in ten: it uses one channel for every store of a database (so each module's commit wakes
/// all three daemons) and empties the pending signals before waiting, so a notice that arrives while
/// the daemon is still looking (often: the other stores' notices keep it looking) is dropped and the
/// daemon sleeps a whole polling round. Here one notice is kept while the daemon looks, so it looks
/// once more at most.
public sealed partial class AppendWakeup(string connectionString, string channel, ILogger? logger = null) : IDaemonWakeup
{
    // Under load a store commits hundreds of times a second, and a look per commit (the high-water
    // check, then every projection and the relay each loading, applying and saving a one-event page)
    // costs far more than the event. Looks that follow each other closer than this wait out the rest,
    // so one look takes every commit of the window; a look on a quiet store still starts at once.
    static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(20);

    readonly PendingSignal signal = new();
    readonly SemaphoreSlim connecting = new(1, 1);
    readonly ILogger log = logger ?? NullLogger.Instance;
    long lastLook;
    NpgsqlConnection? listening;
    CancellationTokenSource? receiving;

    public string Channel { get; } = channel;

    /// The statement a committing transaction runs to notify the store's daemon (at commit, and only
    /// if it commits). Returns no rows, so it can sit anywhere in Marten's command batch.
    public string NotifySql => $"DO $$ BEGIN PERFORM pg_notify('{Channel}', ''); END $$";

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        try
        {
            await Listen(token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // PostgreSQL unreachable: poll until it is back; the next wait listens again.
            LogListenFailed(log, e, Channel);
            await Task.Delay(timeout, token);
            return;
        }
        if (await signal.Wait(timeout, token))
        {
            var since = System.Diagnostics.Stopwatch.GetElapsedTime(lastLook);
            if (since < Coalesce) await Task.Delay(Coalesce - since, token);
        }
        lastLook = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    async Task Listen(CancellationToken token)
    {
        if (listening is not null) return;
        await connecting.WaitAsync(token);
        try
        {
            if (listening is not null) return;
            // Its own connection, outside the pool: a pooled one would go back still listening.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(token);
            connection.Notification += (_, _) => Wake();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(token);
            }
            receiving = new CancellationTokenSource();
            listening = connection;
            _ = Receive(connection, receiving.Token);
            // Whatever was appended before we listened is found by the look this wait precedes.
            Wake();
        }
        finally
        {
            connecting.Release();
        }
    }

    async Task Receive(NpgsqlConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested) await connection.WaitAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogListenFailed(log, e, Channel);
            // Lost the connection: look now, and listen again on the next wait.
            Wake();
        }
        finally
        {
            Drop(connection);
        }
    }

    void Wake() => signal.Set();

    void Drop(NpgsqlConnection connection)
    {
        if (Interlocked.CompareExchange(ref listening, null, connection) != connection) return;
        connection.Dispose();
    }

    // The daemon may stop (a lost leadership) and start again: this only stops listening until then.
    public void Dispose() => receiving?.Cancel();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not listen on PostgreSQL channel {Channel}; the store's daemon polls until it can")]
    static partial void LogListenFailed(ILogger logger, Exception exception, string channel);
}

/// Adds the wakeup's notice to every session of the store that appends events, in its transaction.
public sealed class NotifyOnAppend(AppendWakeup wakeup) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (session.PendingChanges.Streams().Any()) session.QueueOperation(new NotifyOperation(wakeup.NotifySql));
        return Task.CompletedTask;
    }

    // A statement that returns nothing, so Marten's batch reader need not skip a result for it.
    sealed class NotifyOperation(string sql) : Weasel.Storage.IStorageOperation, NoDataReturnedCall
    {
        public Type DocumentType => typeof(JasperFx.Events.IEvent);

        public void ConfigureCommand(ICommandBuilder builder, IStorageSession session) => builder.Append(sql);

        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

        public OperationRole Role() => OperationRole.Events;
    }
}
