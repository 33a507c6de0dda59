namespace Commerce.BuildingBlocks.Background;

/// A wake-up that keeps at most one signal pending: signalled any number of times before the waiter
/// looks, it wakes the waiter once, and a signal that comes while the waiter is busy is not lost.
public sealed class PendingSignal : IDisposable
{
    readonly SemaphoreSlim semaphore = new(0, 1);

    public void Set()
    {
        if (semaphore.CurrentCount > 0) return;
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Set by someone else in between: already pending.
        }
    }

    /// True when signalled, false when the timeout passed first.
    public Task<bool> Wait(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
