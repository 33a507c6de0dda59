using System.Text.Json.Serialization;
using Commerce.BuildingBlocks.Sagas;
using Commerce.IntegrationTests.Infrastructure;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Sagas;

/// A saga whose history is an event stream of its own store: the events and the decisions it records
/// commit with its state, in the order recorded, and a decision's stream written by someone else
/// meanwhile fails the whole commit.
[Collection(AppHost.Name)]
public sealed class SagaHistoryTests(AppFixture app) : IAsyncLifetime
{
    ServiceProvider provider = null!;
    SagaRows rows = null!;

    ISagaTestStore Store => rows.Store;

    public async Task InitializeAsync() => (provider, rows) = await SagaTestHost.Start(app.Services.ConnectionString);

    public async Task DisposeAsync() => await provider.DisposeAsync();

    [Fact]
    public async Task events_and_decisions_are_appended_in_the_order_recorded_with_the_state()
    {
        var ledger = await Opened();

        await Record(ledger, new LedgerNoted("a"), new CloseIfOpen("done"), new LedgerNoted("b"));

        Assert.Equal(["opened", "a", "closed: done", "b"], await History(ledger));
        Assert.Equal(2, (await Stored(ledger)).Version);
    }

    [Fact]
    public async Task a_decision_the_stream_no_longer_allows_appends_nothing_and_the_state_still_commits()
    {
        var ledger = await Opened();
        await Record(ledger, new CloseIfOpen("first"));

        await Record(ledger, new CloseIfOpen("second"));

        Assert.Equal(["opened", "closed: first"], await History(ledger));
        Assert.Equal(3, (await Stored(ledger)).Version);
    }

    [Fact]
    public async Task a_stream_written_between_the_decision_and_the_commit_fails_the_commit_and_writes_nothing()
    {
        var ledger = await Opened();

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Record(ledger, new LedgerNoted("mine"), new CloseIfOpen("mine", WriteFirst: new LedgerClosed("theirs"), Store: Store)));

        Assert.Contains(ledger, conflict.Message, StringComparison.Ordinal);
        Assert.Equal(["opened", "closed: theirs"], await History(ledger));
        Assert.Equal(1, (await Stored(ledger)).Version);
    }

    async Task<string> Opened()
    {
        var id = $"ledger-{Guid.NewGuid():N}";
        await using var work = rows.LedgerWork();
        var saga = new LedgerState { CorrelationId = Guid.NewGuid(), Stream = id };
        saga.NewHistory.Add(new LedgerOpened(id));
        work.Insert(saga);
        await work.Commit(default);
        return id;
    }

    async Task Record(string ledger, params object[] history)
    {
        await using var work = rows.LedgerWork();
        var saga = (await work.Load((await Stored(ledger)).CorrelationId, default))!;
        saga.NewHistory.AddRange(history);
        work.Update(saga);
        await work.Commit(default);
    }

    async Task<LedgerState> Stored(string ledger)
    {
        await using var session = Store.QuerySession();
        return await session.Query<LedgerState>().SingleAsync(s => s.Stream == ledger);
    }

    async Task<IEnumerable<string>> History(string ledger)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamAsync(ledger)).Select(e => e.Data switch
        {
            LedgerOpened => "opened",
            LedgerNoted n => n.Text,
            LedgerClosed c => $"closed: {c.Reason}",
            var other => other.GetType().Name,
        });
    }
}

public sealed class LedgerState : SagaStateMachineInstance, ISagaVersion, ISagaHistory
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string Stream { get; set; } = "";

    [JsonIgnore] public string HistoryStream => Stream;
    [JsonIgnore] public List<object> NewHistory { get; } = [];
}

public sealed record LedgerOpened(string Id);
public sealed record LedgerNoted(string Text);
public sealed record LedgerClosed(string Reason);

public sealed record Ledger(string Id, bool Open)
{
    public static Ledger Create(LedgerOpened e) => new(e.Id, true);
    public Ledger Apply(LedgerNoted _) => this;
    public Ledger Apply(LedgerClosed _) => this with { Open = false };
}

/// Closes an open ledger. WriteFirst stands for another writer that gets in between the read and the commit.
public sealed record CloseIfOpen(string Reason, LedgerClosed? WriteFirst = null, IDocumentStore? Store = null) : StreamDecision<Ledger>
{
    public override IEnumerable<object> Decide(Ledger? current)
    {
        if (WriteFirst is not null && current is not null)
        {
            using var other = Store!.LightweightSession();
            other.Events.Append(current.Id, WriteFirst);
            other.SaveChangesAsync().GetAwaiter().GetResult();
        }
        return current is { Open: true } ? [new LedgerClosed(Reason)] : [];
    }
}
