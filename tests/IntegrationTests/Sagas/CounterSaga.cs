using MassTransit;

namespace Commerce.IntegrationTests.Sagas;

public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string? CurrentState { get; set; }
    public int Count { get; set; }
    public int Retried { get; set; }
}

public sealed record CounterBumped(Guid CounterId);
public sealed record CounterClosed(Guid CounterId);

/// Initial -> Counting -> Final (deleted). The first attempt of each bump waits at the gate, so the
/// tests can make two messages read the same version before either writes.
public sealed class CounterMachine : MassTransitStateMachine<CounterState>
{
    public CounterMachine(Gate gate, CounterOptions options)
    {
        InstanceState(s => s.CurrentState);
        Event(() => Bumped, e =>
        {
            e.CorrelateById(m => m.Message.CounterId);
            // MassTransit then inserts the new instance before the behaviour runs (ISagaPolicy.PreInsertInstance).
            e.InsertOnInitial = options.InsertOnInitial;
        });
        Event(() => Closed, e => e.CorrelateById(m => m.Message.CounterId));
        Initially(When(Bumped).ThenAsync(c => Bump(c, gate)).TransitionTo(Counting));
        During(Counting, When(Bumped).ThenAsync(c => Bump(c, gate)), When(Closed).Finalize());
        SetCompletedWhenFinalized();
    }

    public State Counting { get; private set; } = null!;
    public Event<CounterBumped> Bumped { get; private set; } = null!;
    public Event<CounterClosed> Closed { get; private set; } = null!;

    static async Task Bump(BehaviorContext<CounterState, CounterBumped> context, Gate gate)
    {
        if (context.GetRetryAttempt() == 0) await gate.Pass();
        else context.Saga.Retried++;
        context.Saga.Count++;
    }
}

public sealed record CounterOptions(bool InsertOnInitial);

/// Lets through nobody until `parties` have arrived (then everyone, until Expect is called again).
public sealed class Gate
{
    TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int parties;
    int arrived;

    public void Expect(int count)
    {
        parties = count;
        arrived = 0;
        open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Pass()
    {
        var gate = open;
        if (Interlocked.Increment(ref arrived) >= parties) gate.TrySetResult();
        return gate.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
