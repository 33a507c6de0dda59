using Marten;
using Marten.Services;

namespace Commerce.BuildingBlocks.Background;

/// Wakes a background loop of this host (TLoop names it) as soon as a commit gives it work, instead of
/// making it poll often. The loop still polls slowly, for work that another host committed.
public sealed class Wakeup<TLoop>(TimeProvider clock) : IDisposable
{
    readonly PendingSignal signal = new();

    // When the waiting loop will look again by itself; while it runs, at once (any news counts).
    long nextLookTicks = long.MaxValue;

    public void Signal() => signal.Set();

    public void Dispose() => signal.Dispose();

    /// Work falls due at a moment: wakes the loop only if it would otherwise look later than that.
    public void DueAt(DateTimeOffset at)
    {
        if (at.UtcTicks < Interlocked.Read(ref nextLookTicks)) Signal();
    }

    /// Returns when signalled or when the timeout passes, whichever comes first.
    public async Task Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero) return;
        Interlocked.Exchange(ref nextLookTicks, (clock.GetUtcNow() + timeout).UtcTicks);
        try
        {
            await signal.Wait(timeout, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref nextLookTicks, long.MaxValue);
        }
    }
}

/// After a session commits documents of type T, tells the loop when they fall due (null: not at all);
/// after the commit, so the woken loop finds them.
public sealed class WakeOnCommit<T, TLoop>(Wakeup<TLoop> wakeup, Func<T, DateTimeOffset?> dueAt) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var document in commit.Inserted.Concat(commit.Updated).OfType<T>())
        {
            if (dueAt(document) is { } at) wakeup.DueAt(at);
        }
        return Task.CompletedTask;
    }
}
