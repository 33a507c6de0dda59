using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Messaging;
using Npgsql;

namespace Commerce.IntegrationTests.Faults;

/// What every consumer, the saga, Wolverine's inline retry and the HTTP error mapping treat as a lost
/// race (retried, or 409), and what they do not.
public sealed class ConflictsTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "a stream moved on", new JasperFx.Events.EventStreamUnexpectedMaxEventIdException("order-1", typeof(object), 3, 4), true },
        { "a document version moved on", new JasperFx.ConcurrencyException("changed", typeof(object), "doc-1"), true },
        { "a saga version moved on", new MassTransit.ConcurrencyException("changed", typeof(object), Guid.NewGuid()), true },
        { "a stream was started meanwhile", new JasperFx.Events.ExistingStreamIdCollisionException("order-1", typeof(object)), true },
        { "a document was inserted meanwhile", new JasperFx.DocumentAlreadyExistsException(typeof(string), "product-1"), true },
        { "a deadlock victim", Postgres("40P01"), true },
        { "a serialization failure", Postgres("40001"), true },
        { "a conflict inside another exception", new InvalidOperationException("outer", new JasperFx.ConcurrencyException("changed", typeof(object), "doc-1")), true },
        { "a conflict inside an aggregate", new AggregateException(new TimeoutException(), Postgres("40P01")), true },
        { "the same command recorded twice (a repeat: the first result answers)", new JasperFx.DocumentAlreadyExistsException(typeof(ProcessedCommand), "cmd-1"), false },
        { "a domain refusal", new DomainException("no"), false },
        { "a stale expected version (the client's conflict)", new StaleVersionException("stale"), false },
        { "a unique violation of a business key", Postgres("23505"), false },
        { "a bug", new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void is_a_conflict(string what, Exception exception, bool conflict) =>
        Assert.True(Conflicts.IsConflict(exception) == conflict, $"{what}: expected {(conflict ? "a conflict" : "no conflict")}");

    static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
