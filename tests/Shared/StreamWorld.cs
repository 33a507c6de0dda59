namespace Commerce.Testing;

/// One aggregate's stream driven the way the running system drives it: each step is decided on the
/// current state, a refused one writes nothing, and what was decided is applied at once. After every
/// step: the rules hold, the same step delivered again decides nothing, and Marten's replay of the
/// stored events (each through JSON and back) equals the live state, which Marten folds one decided
/// event at a time onto the last state, as FetchForWriting does onto a snapshot.
public abstract class StreamWorld<TStep, TState>(MartenReplay replay, string streamKey) : IStepWorld<TStep>
    where TStep : notnull where TState : class
{
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    int done;

    /// The stream's events as the database returns them.
    protected List<object> Stream { get; } = [];

    protected TState? State { get; private set; }

    public async Task Run(TStep stepToRun)
    {
        var now = Start.AddMinutes(++done);
        var decided = DecideOrRefuse(stepToRun, now);
        foreach (var e in decided)
        {
            Stream.Add(replay.Stored(e));
            State = MartenReplay.Fold(streamKey, [e], State);
        }

        var broken = State is null ? [] : Invariants(State).ToList();
        if (DecideOrRefuse(stepToRun, now).Count > 0) broken.Add("the same step again decided more events");
        if (decided.Count > 0 && Describe(await replay.Replay<TState>(streamKey, Stream)) is var replayed && replayed != Describe(State))
            broken.Add($"{streamKey} is [{Describe(State)}] live but [{replayed}] replayed from its {Stream.Count} events");
        if (broken.Count > 0) Assert.Fail($"After step {done} ({stepToRun}): {string.Join("; ", broken)}");
    }

    /// The events the step decides; a refusal (the 4xx of an HTTP command) is thrown.
    protected abstract IReadOnlyList<object> Decide(TStep stepToRun, DateTimeOffset now);

    protected abstract bool IsRefusal(Exception exception);

    protected abstract IEnumerable<string> Invariants(TState state);

    protected virtual string Describe(TState? state) => state?.ToString() ?? "nothing";

    IReadOnlyList<object> DecideOrRefuse(TStep stepToRun, DateTimeOffset now)
    {
        try
        {
            return Decide(stepToRun, now);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return [];
        }
    }
}
