using Commerce.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Sagas;

/// Two units of work stand for two messages racing on two consumers: the second writer always loses
/// with MassTransit's ConcurrencyException, which UseMessageRetry turns into a re-run on fresh state.
[Collection(AppHost.Name)]
public sealed class MartenSagaConcurrencyTests(AppFixture app) : IAsyncLifetime
{
    ServiceProvider provider = null!;
    SagaRows rows = null!;

    public async Task InitializeAsync() => (provider, rows) = await SagaTestHost.Start(app.Services.ConnectionString);

    public async Task DisposeAsync() => await provider.DisposeAsync();

    [Fact]
    public async Task of_two_updates_from_the_same_version_the_second_fails()
    {
        var id = await rows.Inserted();
        await using var first = rows.Work();
        await using var second = rows.Work();
        var a = (await first.Load(id, default))!;
        var b = (await second.Load(id, default))!;
        a.Count = 10;
        b.Count = 20;
        first.Update(a);
        second.Update(b);
        await first.Commit(default);
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => second.Commit(default));
        Assert.Equal(id, conflict.CorrelationId);
        var stored = await rows.Stored(id);
        Assert.Equal((2, 10), (stored!.Version, stored.Count));
    }

    [Fact]
    public async Task of_two_inserts_of_the_same_new_instance_the_second_fails_and_a_retry_finds_the_first()
    {
        var id = Guid.NewGuid();
        await using var first = rows.Work();
        await using var second = rows.Work();
        Assert.Null(await first.Load(id, default));
        Assert.Null(await second.Load(id, default));
        first.Insert(new CounterState { CorrelationId = id, Count = 1 });
        second.Insert(new CounterState { CorrelationId = id, Count = 2 });
        await first.Commit(default);
        await Assert.ThrowsAsync<ConcurrencyException>(() => second.Commit(default));
        await using var retry = rows.Work();
        Assert.Equal(1, (await retry.Load(id, default))!.Count);
    }

    [Fact]
    public async Task a_delete_from_a_stale_version_fails()
    {
        var id = await rows.Inserted();
        await using var updater = rows.Work();
        await using var finalizer = rows.Work();
        var a = (await updater.Load(id, default))!;
        var b = (await finalizer.Load(id, default))!;
        updater.Update(a);
        await updater.Commit(default);
        finalizer.Delete(b);
        await Assert.ThrowsAsync<ConcurrencyException>(() => finalizer.Commit(default));
        Assert.Equal(2, (await rows.Stored(id))!.Version);
    }

    [Fact]
    public async Task an_update_after_a_delete_fails_instead_of_bringing_the_instance_back()
    {
        var id = await rows.Inserted();
        await using var updater = rows.Work();
        await using var finalizer = rows.Work();
        var a = (await updater.Load(id, default))!;
        finalizer.Delete((await finalizer.Load(id, default))!);
        await finalizer.Commit(default);
        updater.Update(a);
        await Assert.ThrowsAsync<ConcurrencyException>(() => updater.Commit(default));
        Assert.Null(await rows.Stored(id));
    }
}
