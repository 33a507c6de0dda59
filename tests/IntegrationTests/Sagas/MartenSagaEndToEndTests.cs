using Commerce.IntegrationTests.Infrastructure;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Sagas;

/// The state machine driven through MassTransit's in-memory harness, its state kept in PostgreSQL.
/// Each round sends two bumps that both read the same version before either writes: exactly one of
/// them must lose, be retried by UseMessageRetry against fresh state, and count.
[Collection(AppHost.Name)]
public sealed class MartenSagaEndToEndTests(AppFixture app)
{
    [Fact]
    public Task racing_messages_are_retried_and_the_finalized_instance_is_deleted() =>
        Run(insertOnInitial: false, versionAfterFirstRound: 2);

    // The instance is inserted before the behaviour runs, which costs one version more.
    [Fact]
    public Task the_same_with_the_instance_pre_inserted() =>
        Run(insertOnInitial: true, versionAfterFirstRound: 3);

    async Task Run(bool insertOnInitial, int versionAfterFirstRound)
    {
        await using var provider = SagaTestHost.Build(app.Services.ConnectionString, insertOnInitial);
        var rows = new SagaRows(provider.GetRequiredService<ISagaTestStore>());
        var gate = provider.GetRequiredService<Gate>();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        // Both find no instance (or the one just pre-inserted): the second write of the new instance conflicts.
        gate.Expect(2);
        await Task.WhenAll(harness.Bus.Publish(new CounterBumped(id)), harness.Bus.Publish(new CounterBumped(id)));
        var state = await Stored(rows, id, s => s?.Count == 2);
        Assert.Equal(("Counting", versionAfterFirstRound, 1), (state!.CurrentState, state.Version, state.Retried));

        // Both read the same stored version: the second update conflicts.
        gate.Expect(2);
        await Task.WhenAll(harness.Bus.Publish(new CounterBumped(id)), harness.Bus.Publish(new CounterBumped(id)));
        state = await Stored(rows, id, s => s?.Count == 4);
        Assert.Equal(("Counting", versionAfterFirstRound + 2, 2), (state!.CurrentState, state.Version, state.Retried));

        await harness.Bus.Publish(new CounterClosed(id));
        await Stored(rows, id, s => s is null);
    }

    static Task<CounterState?> Stored(SagaRows rows, Guid id, Func<CounterState?, bool> done) =>
        Poll.Until(() => rows.Stored(id), done, TimeSpan.FromSeconds(15), $"counter {id}");
}
