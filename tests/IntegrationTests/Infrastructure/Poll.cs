namespace Commerce.IntegrationTests.Infrastructure;

/// Waits for an asynchronous outcome by asking again until it holds or the deadline passes.
public static class Poll
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? deadline = null, string? what = null)
    {
        var until = DateTimeOffset.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTimeOffset.UtcNow > until) break;
            await Task.Delay(Interval);
        }
        throw new TimeoutException($"Gave up waiting{(what is null ? "" : " for " + what)} after {deadline ?? TimeSpan.FromSeconds(30)}; last seen: {last}");
    }

    /// Asks for the whole of `duration` and fails as soon as the answer does not hold: for what must NOT
    /// happen (a paused subscription moving on). Returns the last answer.
    public static async Task<T> Throughout<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan duration, string what)
    {
        var until = DateTimeOffset.UtcNow + duration;
        while (true)
        {
            var last = await probe();
            Assert.True(holds(last), $"Expected {what} throughout {duration}; saw otherwise: {last}");
            if (DateTimeOffset.UtcNow > until) return last;
            await Task.Delay(Interval);
        }
    }
}
