using System.Threading.Channels;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.Inventory;
using JasperFx.Events;
using Marten;

namespace Commerce.Bench.GroupCommit;

/// The group-commit experiment: concurrent ReceiveStock commands are queued and a committer takes all
/// that are waiting (up to MaxBatch, one per stream) into ONE Marten session and transaction. Each keeps
/// what the naive path gives it:
/// - idempotency: its stored result is read first (one batched query with all the streams) and its
///   ProcessedCommand is inserted in the same transaction as its event;
/// - optimistic concurrency: the stream is fetched for writing, so the commit checks its version;
/// - isolation: a decision error answers only its caller; a failed commit is split in halves and each
///   retried in a new transaction, so a bad command ends alone and the others commit.
/// Send runs the same code for one command in the caller's own session (the naive path, for comparison).
public sealed class GroupCommitWriter : IAsyncDisposable
{
    // The prototype's own fingerprint key: it shares no store with a host.
    static readonly byte[] FingerprintKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    sealed record Pending(ReceiveStock Command, string User, TaskCompletionSource<CommandResult> Done)
    {
        public int Attempts { get; set; }
    }

    readonly IDocumentStore store;
    readonly int maxBatch;
    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();
    readonly Task[] committers;
    long commits, committed, splits;

    public GroupCommitWriter(IDocumentStore store, int maxBatch = 256, int committers = 2)
    {
        this.store = store;
        this.maxBatch = maxBatch;
        this.committers = [.. Enumerable.Range(0, committers).Select(_ => Task.Run(Committer))];
    }

    public (long Commits, long Committed, long Splits) Stats => (Interlocked.Read(ref commits), Interlocked.Read(ref committed), Interlocked.Read(ref splits));

    public Task<CommandResult> Queue(ReceiveStock command, string user)
    {
        var pending = new Pending(command, user, new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    public async Task<CommandResult> Send(ReceiveStock command, string user)
    {
        var pending = new Pending(command, user, new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await Commit([pending]);
        return await pending.Done.Task;
    }

    async Task Committer()
    {
        var carried = new List<Pending>();
        while (carried.Count > 0 || await queue.Reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            var streams = new HashSet<string>();
            var waiting = carried;
            carried = [];
            foreach (var p in waiting) (streams.Add(p.Command.ProductId) ? batch : carried).Add(p);
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var next))
            {
                // Two commands on one stream in one transaction would both decide on the same state.
                (streams.Add(next.Command.ProductId) ? batch : carried).Add(next);
            }
            try
            {
                await Commit(batch);
            }
#pragma warning disable CA1031 // the read failed (connection lost...): every caller of the batch hears it
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    async Task Commit(IReadOnlyList<Pending> batch)
    {
        if (batch.Count == 0) return;
        var now = TimeProvider.System.GetUtcNow();
        await using var session = store.LightweightSession();
        EventMetadata.Stamp(session, null);

        var reads = session.CreateBatchQuery();
        var stored = reads.LoadMany<ProcessedCommand>().ById(batch.Select(p => p.Command.CommandId!).ToArray());
        var fetches = batch.Select(p => reads.Events.FetchForWriting<Product>(p.Command.ProductId)).ToList();
        await reads.Execute();
        var firstResults = (await stored).ToDictionary(c => c.Id);

        var accepted = new List<(Pending Pending, CommandResult Result)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (pending, command) = (batch[i], batch[i].Command);
            if (firstResults.TryGetValue(command.CommandId!, out var first))
            {
                if (first.Fingerprint == CommandFingerprint.Of(command, null, FingerprintKey)) pending.Done.TrySetResult(first.Result);
                else pending.Done.TrySetException(new IdempotencyKeyReusedException(command.CommandId!));
                continue;
            }
            try
            {
                accepted.Add((pending, Decide(session, pending, await fetches[i], now)));
            }
            catch (Exception e) when (e is DomainException or NotFoundException or StaleVersionException or InvalidCommandException)
            {
                pending.Done.TrySetException(e);
            }
        }
        if (accepted.Count == 0) return;

        try
        {
            await session.SaveChangesAsync();
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref committed, accepted.Count);
            foreach (var (pending, result) in accepted) pending.Done.TrySetResult(result);
        }
#pragma warning disable CA1031 // whatever failed the commit, the commands are retried apart or answered with it
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Isolate([.. accepted.Select(a => a.Pending)], e);
        }
    }

    CommandResult Decide(IDocumentSession session, Pending pending, IEventStream<Product> stream, DateTimeOffset now)
    {
        var command = pending.Command;
        var version = stream.StartingVersion ?? 0;
        if (command.ExpectedVersion is { } expected && expected != version)
            throw new StaleVersionException($"'{stream.Key}' is at version {version}, not {expected}.");
        stream.AppendMany(ReceiveStock.Decide(stream.Aggregate, command, now));
        // Metadata per event, not per session: one transaction carries many callers' commands.
        var appended = stream.Events[^1];
        appended.UserName = pending.User;
        appended.CausationId = command.CommandId;
        var result = new CommandResult("accepted", stream.Key!, version + 1,
            [new AcceptedEvent(appended.Id.ToString(), appended.EventType.Name, stream.Key!, version + 1, now)]);
        session.Insert(new ProcessedCommand { Id = command.CommandId!, Fingerprint = CommandFingerprint.Of(command, null, FingerprintKey), CommandType = nameof(ReceiveStock), Result = result });
        return result;
    }

    async Task Isolate(IReadOnlyList<Pending> failed, Exception error)
    {
        if (failed.Count > 1)
        {
            Interlocked.Increment(ref splits);
            var half = failed.Count / 2;
            await Commit([.. failed.Take(half)]);
            await Commit([.. failed.Skip(half)]);
            return;
        }
        var pending = failed[0];
        // Alone and still failing: a lost race is decided again on fresh state (as Wolverine's retries
        // do in the app); anything else is this command's own error.
        if (error is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException && ++pending.Attempts < 3)
        {
            await Commit([pending]);
            return;
        }
        pending.Done.TrySetException(error);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(committers);
    }
}
