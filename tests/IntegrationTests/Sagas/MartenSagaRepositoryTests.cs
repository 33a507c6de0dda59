using Commerce.IntegrationTests.Infrastructure;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Sagas;

/// The repository's reads and writes against PostgreSQL; conflicts are in MartenSagaConcurrencyTests.
[Collection(AppHost.Name)]
public sealed class MartenSagaRepositoryTests(AppFixture app) : IAsyncLifetime
{
    ServiceProvider provider = null!;
    SagaRows rows = null!;

    public async Task InitializeAsync() => (provider, rows) = await SagaTestHost.Start(app.Services.ConnectionString);

    public async Task DisposeAsync() => await provider.DisposeAsync();

    ILoadSagaRepository<CounterState> Loader => provider.GetRequiredService<ILoadSagaRepository<CounterState>>();

    [Fact]
    public async Task loading_a_missing_instance_gives_null()
    {
        Assert.Null(await Loader.Load(Guid.NewGuid()));
        await using var work = rows.Work();
        Assert.Null(await work.Load(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task an_inserted_instance_loads_at_version_1()
    {
        var id = await rows.Inserted(count: 3);
        var loaded = await Loader.Load(id);
        Assert.Equal((1, 3, "Counting"), (loaded.Version, loaded.Count, loaded.CurrentState));
    }

    [Fact]
    public async Task an_update_moves_the_version_on()
    {
        var id = await rows.Inserted();
        await using (var work = rows.Work())
        {
            var saga = (await work.Load(id, default))!;
            saga.Count = 7;
            work.Update(saga);
            await work.Commit(default);
            Assert.Equal(2, saga.Version);
        }
        var stored = await rows.Stored(id);
        Assert.Equal((2, 7), (stored!.Version, stored.Count));
    }

    [Fact]
    public async Task a_deleted_instance_is_gone()
    {
        var id = await rows.Inserted();
        await using var work = rows.Work();
        work.Delete((await work.Load(id, default))!);
        await work.Commit(default);
        Assert.Null(await rows.Stored(id));
    }

    [Fact]
    public async Task pre_inserting_an_existing_instance_says_so_and_keeps_the_first()
    {
        var id = await rows.Inserted(count: 5);
        await using var work = rows.Work();
        Assert.False(await work.TryInsert(new CounterState { CorrelationId = id }, default));
        Assert.Equal(5, (await rows.Stored(id))!.Count);
    }

    [Fact]
    public async Task instances_are_found_by_expression()
    {
        var marker = Random.Shared.Next(1_000_000, int.MaxValue);
        var id = await rows.Inserted(count: marker);
        var found = await provider.GetRequiredService<IQuerySagaRepository<CounterState>>()
            .Find(new SagaQuery<CounterState>(s => s.Count == marker));
        Assert.Equal([id], found);
    }
}
